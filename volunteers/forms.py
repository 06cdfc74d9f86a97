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
