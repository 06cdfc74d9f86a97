from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import generic
from viewflow.urls import Application
from viewflow.utils import Icon
from viewflow.views import Action

from . import services
from .errors import DomainError
from .forms import BeneficiaryCreateForm, BeneficiaryForm
from .models import Area, Beneficiary
from .selectors import areas_visible_to, beneficiaries_visible_to
from .viewsets import ScopedViewset, ServiceCreateView, ServiceUpdateView, warn_all


class BeneficiaryCreateView(ServiceCreateView):
    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in services.BENEFICIARY_FIELDS}
        beneficiary = services.register_beneficiary(
            by=self.request.user, id_number=form.parsed_id_number, **data
        )
        warn_all(self.request, form.parsed_id_number.warnings)
        return beneficiary


class BeneficiaryUpdateView(ServiceUpdateView):
    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in services.BENEFICIARY_FIELDS}
        return services.update_beneficiary(by=self.request.user, beneficiary=self.object, **data)


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the full ID number?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
    )


class RevealIdNumberView(generic.FormView):
    """Shows the full ID number once, in the response body only, after a recorded reason."""

    template_name = "cases/reveal_id_number.html"
    form_class = RevealForm

    def dispatch(self, request, *args, **kwargs):
        self.beneficiary = get_object_or_404(
            beneficiaries_visible_to(request.user), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(beneficiary=self.beneficiary, **kwargs)

    def form_valid(self, form):
        try:
            id_number = services.reveal_id_number(
                by=self.request.user,
                beneficiary=self.beneficiary,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
            return self.form_invalid(form)
        response = self.render_to_response(self.get_context_data(form=form, id_number=id_number))
        response["Cache-Control"] = "no-store"
        return response


class BeneficiaryViewset(ScopedViewset):
    model = Beneficiary
    icon = "people"
    selector = staticmethod(beneficiaries_visible_to)
    create_view_class = BeneficiaryCreateView
    update_view_class = BeneficiaryUpdateView
    create_form_class = BeneficiaryCreateForm
    update_form_class = BeneficiaryForm
    list_columns = ("name", "id_number_masked", "category", "area", "phone", "household_size")
    list_search_fields = ("name", "phone", "address")
    list_filter_fields = (
        "category",
        "gender",
        "lacks_labour",
        "hardship_living",
        "hardship_housing",
        "hardship_medical",
    )
    detail_fields = (
        "name", "gender", "id_number_masked", "birth_date", "phone", "area", "address",
        "category", "household_size", "lacks_labour", "hardship_living", "hardship_housing",
        "hardship_medical", "notes", "created_at", "updated_at",
    )  # fmt: skip

    @property
    def reveal_path(self):
        return path("<int:pk>/reveal/", RevealIdNumberView.as_view(), name="reveal")

    def get_detail_page_actions(self, request, obj, *actions):
        if request.user.has_perm("cases.reveal_id_number"):
            actions = (
                Action(
                    name=_("Reveal the full ID number"),
                    url=self.reverse("reveal", args=[obj.pk]),
                    icon=Icon("visibility", class_="material-icons mdc-list-item__graphic"),
                ),
                *actions,
            )
        return super().get_detail_page_actions(request, obj, *actions)


class AreaViewset(ScopedViewset):
    model = Area
    icon = "place"
    selector = staticmethod(areas_visible_to)
    fields = ("code", "name", "level", "parent")
    # Not "parent": the list reads columns from the viewset first, and a viewset's own
    # `parent` is the application it belongs to.
    list_columns = ("code", "name", "level", "parent_area")
    list_search_fields = ("code", "name")
    list_filter_fields = ("level",)
    detail_fields = ("code", "name", "level", "parent")

    def parent_area(self, area):
        return area.parent or ""

    parent_area.short_description = _("parent area")


class RegistryApp(Application):
    title = _("Registry")
    icon = "folder_shared"
    app_name = "registry"
    viewsets = [BeneficiaryViewset(), AreaViewset()]

    def has_view_permission(self, user, obj=None):
        # Team leaders and volunteers do not read the registry: no menu entry for them.
        # (Anonymous users pass here so that the pages send them to log in.)
        if not user.is_authenticated:
            return True
        return user.has_perm("cases.view_beneficiary") or user.has_perm("cases.view_area")
