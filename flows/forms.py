"""Forms of the task pages. They check the shape of the input; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import (
    CourtDecision,
    Decision,
    FarmingHelpDetail,
    FeeWaiverDetail,
    FollowUp,
    Kind,
    OneOnOneDetail,
    Outcome,
)
from volunteers.selectors import teams_visible_to

DATE = forms.DateInput(attrs={"type": "date"})

# The documents asked for, per kind (§48: written application and proof of hardship).
CHECKLISTS = {
    Kind.FEE_WAIVER: [
        _("written application (书面申请)"),
        _("identity card and household register (身份证、户口簿)"),
        _("proof of preferential-treatment status (优抚证明)"),
        _("proof of financial hardship (经济困难证明)"),
        _("copy of the complaint or appeal (起诉状/上诉状)"),
    ],
    Kind.ONE_ON_ONE: [
        _("identity card and household register (身份证、户口簿)"),
        _("proof of preferential-treatment status (优抚证明)"),
        _("village committee's statement of hardship (村委会证明)"),
        _("pairing agreement (结对协议)"),
    ],
    Kind.FARMING_HELP: [
        _("identity card and household register (身份证、户口簿)"),
        _("land contract or area statement (土地承包证明)"),
        _("village committee's statement of lacking labour (缺劳证明)"),
    ],
}


class VerifyForm(forms.Form):
    visit_date = forms.DateField(label=_("visit date"), widget=DATE)
    findings = forms.CharField(label=_("findings"), widget=forms.Textarea(attrs={"rows": 4}))
    verified = forms.TypedChoiceField(
        label=_("facts verified"),
        choices=[("yes", _("yes, the facts are as stated")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [str(item) for item in CHECKLISTS[kind]]
        for index, item in enumerate(self.items):
            self.fields[f"doc_{index}"] = forms.BooleanField(
                label=_("received: %(item)s") % {"item": item}, required=False
            )

    def checklist(self):
        return [
            {"item": item, "received": self.cleaned_data[f"doc_{index}"]}
            for index, item in enumerate(self.items)
        ]


class SignOffForm(forms.Form):
    comment = forms.CharField(
        label=_("comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject or return."),
    )
    approved_amount = forms.DecimalField(
        label=_("approved amount (¥)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    decision = forms.ChoiceField(choices=Decision.Outcome.choices, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in ("reject", "return")
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("Give a reason to reject or return."))
        return cleaned


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("your answer"), widget=forms.Textarea(attrs={"rows": 4}))


class DispatchForm(forms.Form):
    team = forms.ModelChoiceField(label=_("volunteer team"), queryset=None)
    note = forms.CharField(
        label=_("instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, ranking=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        field.queryset = teams_visible_to(user).filter(active=True)
        if ranking:  # the suggested order, best first, with the rank in the label
            position = {entry.team_id: entry.rank for entry in ranking}
            field.choices = [("", field.empty_label)] + [
                (entry.team_id, f"{entry.rank}. {entry.candidate.name}") for entry in ranking
            ]
            field.initial = ranking[0].team_id if ranking[0].remaining else None
            self.rank_of = position


class AcceptForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("answer"),
        choices=[("yes", _("accept the work")), ("no", _("decline"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(label=_("reason for declining"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accepted") is False and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason for declining."))
        return cleaned


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("delivered on"), widget=DATE)
    hours = forms.DecimalField(
        label=_("hours"),
        min_value=0,
        max_digits=6,
        decimal_places=1,
        required=False,
        help_text=_("Taken from the activity records when the team logged any."),
    )
    work_done = forms.CharField(label=_("work done"), widget=forms.Textarea(attrs={"rows": 3}))
    household_confirmed_by = forms.CharField(
        label=_("confirmed by (household member)"),
        required=False,
        max_length=50,
        help_text=_("Only when no activity record was logged: who in the household confirmed."),
    )


class FileWithCourtForm(forms.Form):
    filed_on = forms.DateField(label=_("filed on"), widget=DATE)
    case_number = forms.CharField(label=_("case number"), required=False, max_length=60)


class CourtDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("court's decision"), choices=CourtDecision.choices)
    relief_amount = forms.DecimalField(
        label=_("relief granted (¥)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    decided_on = forms.DateField(label=_("decided on"), widget=DATE)


class FollowUpForm(forms.Form):
    done_on = forms.DateField(label=_("done on"), widget=DATE)
    method = forms.ChoiceField(label=_("method"), choices=FollowUp.Method.choices)
    findings = forms.CharField(label=_("findings"), widget=forms.Textarea(attrs={"rows": 3}))
    satisfaction = forms.IntegerField(label=_("satisfaction (1-5)"), min_value=1, max_value=5)


class CloseForm(forms.Form):
    result = forms.ChoiceField(label=_("result"), choices=Outcome.Result.choices)
    amount_delivered = forms.DecimalField(
        label=_("money delivered or relieved (¥)"), min_value=0, max_digits=12, decimal_places=2
    )
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


# Intake ------------------------------------------------------------------------------


class IntakeForm(forms.ModelForm):
    """The detail row of one kind, plus the beneficiary and the override reason."""

    beneficiary = forms.ModelChoiceField(label=_("beneficiary"), queryset=None)
    summary = forms.CharField(label=_("summary"), max_length=200, required=False)
    override_reason = forms.CharField(
        label=_("reason for choosing other than the suggestion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        from cases.selectors import beneficiaries_visible_to

        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = beneficiaries_visible_to(user)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE


class FeeWaiverIntakeForm(IntakeForm):
    class Meta:
        model = FeeWaiverDetail
        fields = [
            "court", "case_number", "claim_type", "fee_amount", "relief_sought",
            "reduction_percent", "receives_legal_aid", "minimum_allowance", "no_fixed_income",
            "hardship_evidence",
        ]  # fmt: skip
        widgets = {"hardship_evidence": forms.Textarea(attrs={"rows": 3})}


class OneOnOneIntakeForm(IntakeForm):
    class Meta:
        model = OneOnOneDetail
        fields = [
            "need", "hardship_type", "project", "help_funds", "help_labour", "help_know_how",
            "funds_amount", "term_start", "term_end", "visit_interval_days", "target_result",
        ]  # fmt: skip
        widgets = {
            "need": forms.Textarea(attrs={"rows": 2}),
            "target_result": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term ends before it starts."))
        return cleaned


class FarmingHelpIntakeForm(IntakeForm):
    class Meta:
        model = FarmingHelpDetail
        fields = [
            "season", "crops", "area_mu", "tasks", "window_start", "window_end", "person_days",
            "mode", "money_amount",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("window_start"), cleaned.get("window_end")
        if start and end and end < start:
            self.add_error("window_end", _("The window ends before it starts."))
        return cleaned


INTAKE_FORMS = {
    Kind.FEE_WAIVER: FeeWaiverIntakeForm,
    Kind.ONE_ON_ONE: OneOnOneIntakeForm,
    Kind.FARMING_HELP: FarmingHelpIntakeForm,
}
