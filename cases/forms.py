from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .idnumber import parse_id_number
from .models import Beneficiary
from .selectors import areas_visible_to
from .services import BENEFICIARY_FIELDS


class ScopedAreaFormMixin:
    """Offer only the areas the user serves; a forged area outside them is a field error."""

    area_field = "area"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields[self.area_field].queryset = areas_visible_to(user)


class BeneficiaryForm(ScopedAreaFormMixin, forms.ModelForm):
    class Meta:
        model = Beneficiary
        fields = BENEFICIARY_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class BeneficiaryCreateForm(BeneficiaryForm):
    id_number = forms.CharField(
        label=_("resident ID number"),
        max_length=24,
        help_text=_("18 characters (the last may be X), or 15 digits for old cards."),
    )

    class Meta(BeneficiaryForm.Meta):
        fields = ["id_number", *BENEFICIARY_FIELDS]

    def clean_id_number(self):
        try:
            self.parsed_id_number = parse_id_number(self.cleaned_data["id_number"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return self.parsed_id_number.value

    def clean(self):
        cleaned = super().clean()
        parsed = getattr(self, "parsed_id_number", None)
        if parsed and cleaned.get("gender") and cleaned["gender"] != parsed.gender:
            self.add_error("gender", _("The ID number gives the other gender; please check both."))
        return cleaned
