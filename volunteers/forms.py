from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import ScopedAreaFormMixin
from cases.selectors import areas_visible_to

from .models import Membership, Skill, Team, Volunteer
from .selectors import teams_visible_to, volunteers_visible_to


class TeamForm(ScopedAreaFormMixin, forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "kind", "area", "leader", "capacity", "active"]


class VolunteerForm(forms.ModelForm):
    skills = forms.MultipleChoiceField(
        label=_("skills"), choices=Skill.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Volunteer
        fields = ["name", "phone", "skills", "areas"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas_visible_to(user)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["team", "volunteer", "role"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_visible_to(user)
        self.fields["volunteer"].queryset = volunteers_visible_to(user)


# Work: members, activity records, confirmation, payments, handover, hours -------------------

DATE = forms.DateInput(attrs={"type": "date"})
PHOTO_TYPES = "image/jpeg,image/png,image/webp"


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input; each is checked by volunteers.evidence in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultiplePhotoInput(attrs={"accept": PHOTO_TYPES, "multiple": True})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultiplePhotoField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class MembersForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("members doing the work"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = assignment.team.volunteers.order_by("name")


class ActivityForm(forms.Form):
    """A day's work: hours per member present (blank = absent), mu per task, photos."""

    date = forms.DateField(label=_("date"), widget=DATE)
    work_done = forms.CharField(label=_("work done"), widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photos = MultiplePhotoField(
        label=_("photos (JPEG, PNG or WebP, up to 8 MB each)"), required=False
    )

    def __init__(self, *args, members, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.members, self.tasks = list(members), list(tasks)
        for volunteer in self.members:
            self.fields[f"hours_{volunteer.pk}"] = forms.DecimalField(
                label=_("hours: %(name)s") % {"name": volunteer.name},
                required=False,
                min_value=Decimal("0.5"),
                max_value=Decimal("24"),
                max_digits=4,
                decimal_places=1,
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )
        for index, task in enumerate(self.tasks):
            self.fields[f"mu_{index}"] = forms.DecimalField(
                label=_("mu done: %(task)s") % {"task": task},
                required=False,
                min_value=0,
                max_digits=7,
                decimal_places=1,
                widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
            )
        # Photos last on the page: after the hours, before the button.
        self.order_fields(["date", "work_done", *self.hour_fields(), "notes", "photos"])

    def hour_fields(self):
        return [f"hours_{v.pk}" for v in self.members]

    def participants(self):
        return [
            (v, self.cleaned_data[f"hours_{v.pk}"])
            for v in self.members
            if self.cleaned_data.get(f"hours_{v.pk}") is not None
        ]

    def mu_by_task(self):
        return {
            task: self.cleaned_data[f"mu_{i}"]
            for i, task in enumerate(self.tasks)
            if self.cleaned_data.get(f"mu_{i}") is not None
        }

    def clean(self):
        cleaned = super().clean()
        if self.members and not any(cleaned.get(name) for name in self.hour_fields()):
            self.add_error(None, _("Give the hours of at least one member present."))
        return cleaned


class ConfirmForm(forms.Form):
    confirmed_by_name = forms.CharField(label=_("confirmed by (household member)"), max_length=50)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("amount (¥)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    paying_unit = forms.CharField(label=_("paying unit"), max_length=100)
    paid_on = forms.DateField(label=_("paid on"), widget=DATE)
    receipt_number = forms.CharField(label=_("receipt number"), max_length=40)


class AcknowledgeForm(forms.Form):
    acknowledged_by_name = forms.CharField(label=_("acknowledged by"), max_length=50)
    acknowledged_on = forms.DateField(label=_("acknowledged on"), widget=DATE)


class HandoverForm(forms.Form):
    to_team = forms.ModelChoiceField(
        label=_("to team"), queryset=None, required=False, help_text=_("Blank: the same team.")
    )
    to_helper = forms.ModelChoiceField(label=_("new helper"), queryset=None, required=False)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, pairing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = teams_visible_to(user).filter(active=True)
        self.fields["to_helper"].queryset = volunteers_visible_to(user).order_by("name")


class HoursFilterForm(forms.Form):
    start = forms.DateField(label=_("from"), widget=DATE)
    end = forms.DateField(label=_("to"), widget=DATE)
    team = forms.ModelChoiceField(label=_("team"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_visible_to(user)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        if start and end and (end - start).days > 3660:
            self.add_error("end", _("At most ten years at a time."))
        return cleaned
