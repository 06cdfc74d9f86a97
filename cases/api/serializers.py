"""Serializers of the API: shapes only. Rules live in the services and come back as errors.

Relations that a caller chooses (an area, a beneficiary, a team) are offered from the
caller's selector, so a row outside their scope is "does not exist", as in the forms.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases import services
from cases.idnumber import parse_id_number
from cases.models import (
    Area,
    AssistanceRequest,
    Beneficiary,
    CaseEvent,
    CourtDecision,
    Decision,
    Dispatch,
    FarmingHelpDetail,
    FeeWaiverDetail,
    FollowUp,
    OneOnOneDetail,
    Outcome,
    Status,
    VerificationReport,
)
from cases.selectors import areas_visible_to, beneficiaries_visible_to
from flows.forms import INTAKE_FORMS
from flows.nodes import due_of
from volunteers.selectors import teams_visible_to

TEXT = {"max_length": 5000}


def _user(serializer):
    return serializer.context["request"].user


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKey(serializers.PrimaryKeyRelatedField):
    """A primary key chosen among the rows `selector(user)` returns."""

    def __init__(self, selector, **kwargs):
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.selector(self.context["request"].user)


# Registry -----------------------------------------------------------------------------


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "code", "name", "level", "parent"]


class BeneficiarySerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = Beneficiary
        fields = [
            "id", "name", "gender", "id_number_masked", "birth_date", "phone", "area",
            "area_name", "address", "category", "household_size", "lacks_labour",
            "hardship_living", "hardship_housing", "hardship_medical", "notes", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class BeneficiaryWriteSerializer(serializers.ModelSerializer):
    area = ScopedPrimaryKey(areas_visible_to)

    class Meta:
        model = Beneficiary
        fields = services.BENEFICIARY_FIELDS


class IdNumberLookupSerializer(serializers.Serializer):
    """A full ID number travels in a request body, never in a URL (URLs end up in logs)."""

    id_number = serializers.CharField(max_length=24, write_only=True)

    def validate_id_number(self, value):
        try:
            return parse_id_number(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class BeneficiaryCreateSerializer(BeneficiaryWriteSerializer):
    id_number = serializers.CharField(
        max_length=24, write_only=True, help_text=_("18 characters (last may be X) or 15 digits.")
    )

    class Meta(BeneficiaryWriteSerializer.Meta):
        fields = ["id_number", *services.BENEFICIARY_FIELDS]

    def validate_id_number(self, value):
        try:
            self.parsed_id_number = parse_id_number(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return self.parsed_id_number.value

    def validate(self, attrs):
        if attrs.get("gender") != self.parsed_id_number.gender:
            raise serializers.ValidationError(
                {"gender": [_("The ID number gives the other gender; please check both.")]}
            )
        return attrs


class BeneficiaryUpdateSerializer(BeneficiaryWriteSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, **TEXT)

    class Meta(BeneficiaryWriteSerializer.Meta):
        fields = [*services.BENEFICIARY_FIELDS, "reason"]
        extra_kwargs = {name: {"required": False} for name in services.BENEFICIARY_FIELDS}


# Requests -----------------------------------------------------------------------------


class FeeWaiverDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeeWaiverDetail
        exclude = ["assistance_request"]


class OneOnOneDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = OneOnOneDetail
        exclude = ["assistance_request"]


class FarmingHelpDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = FarmingHelpDetail
        exclude = ["assistance_request"]


class VerificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = VerificationReport
        fields = ["id", "visit_date", "findings", "checklist", "verified", "verified_by"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = [
            "id", "level", "approver", "outcome", "comment", "approved_amount", "signed_at",
            "answer", "answered_by", "answered_at",
        ]  # fmt: skip


class DispatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dispatch
        fields = [
            "id", "team", "note", "dispatched_by", "dispatched_at", "accepted", "responded_by",
            "responded_at", "decline_reason", "delivered_on", "hours", "work_done",
        ]  # fmt: skip


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "due", "done_on", "method", "findings", "satisfaction", "recorded_by"]


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["result", "amount_delivered", "summary", "closed_by", "closed_at"]


class AssistanceRequestSerializer(serializers.ModelSerializer):
    beneficiary_name = serializers.CharField(source="beneficiary.name", read_only=True)

    class Meta:
        model = AssistanceRequest
        fields = [
            "id", "kind", "status", "beneficiary", "beneficiary_name", "area", "summary",
            "amount", "needs_second_level", "submitted_by", "verified_by", "submitted_at",
            "updated_at", "closed_at",
        ]  # fmt: skip
        read_only_fields = fields


class AssistanceRequestDetailSerializer(AssistanceRequestSerializer):
    fee_waiver = FeeWaiverDetailSerializer(read_only=True, allow_null=True)
    one_on_one = OneOnOneDetailSerializer(read_only=True, allow_null=True)
    farming_help = FarmingHelpDetailSerializer(read_only=True, allow_null=True)
    verifications = VerificationSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    dispatches = DispatchSerializer(many=True, read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)
    outcome = serializers.SerializerMethodField()
    open_tasks = serializers.SerializerMethodField()

    class Meta(AssistanceRequestSerializer.Meta):
        fields = [
            *AssistanceRequestSerializer.Meta.fields,
            "suggested_relief", "suggested_ground", "override_reason", "fee_waiver",
            "one_on_one", "farming_help", "verifications", "decisions", "dispatches",
            "follow_ups", "outcome", "open_tasks",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for kind in ("fee_waiver", "one_on_one", "farming_help"):
            if kind != instance.kind:
                data[kind] = None
        return data

    @extend_schema_field(OutcomeSerializer(allow_null=True))
    def get_outcome(self, instance):
        outcome = getattr(instance, "outcome", None) if instance.is_finished else None
        return OutcomeSerializer(outcome).data if outcome else None

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_open_tasks(self, instance):
        return list(self.context.get("open_tasks", {}).get(instance.pk, []))


class IntakeSerializer(serializers.ModelSerializer):
    """One kind's detail fields, plus the beneficiary, a summary and an override reason."""

    beneficiary = ScopedPrimaryKey(beneficiaries_visible_to)
    summary = serializers.CharField(max_length=200, required=False, allow_blank=True)
    override_reason = serializers.CharField(required=False, allow_blank=True, **TEXT)

    class Meta:
        fields = ["beneficiary", "summary", "override_reason"]

    def detail(self):
        names = self.Meta.detail_fields
        return self.Meta.model(
            **{n: self.validated_data[n] for n in names if n in self.validated_data}
        )


def _intake_serializer(kind, name):
    form = INTAKE_FORMS[kind]
    meta = type(
        "Meta",
        (),
        {
            "model": form._meta.model,
            "fields": ["beneficiary", "summary", "override_reason", *form._meta.fields],
            "detail_fields": list(form._meta.fields),
        },
    )
    return type(name, (IntakeSerializer,), {"Meta": meta, "__module__": __name__})


FeeWaiverIntakeSerializer = _intake_serializer("fee_waiver", "FeeWaiverIntakeSerializer")
OneOnOneIntakeSerializer = _intake_serializer("one_on_one", "OneOnOneIntakeSerializer")
FarmingHelpIntakeSerializer = _intake_serializer("farming_help", "FarmingHelpIntakeSerializer")
INTAKE_SERIALIZERS = {
    "fee_waiver": FeeWaiverIntakeSerializer,
    "one_on_one": OneOnOneIntakeSerializer,
    "farming_help": FarmingHelpIntakeSerializer,
}


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(**TEXT)


class CaseEventSerializer(serializers.ModelSerializer):
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["seq", "kind", "actor", "actor_name", "at", "target", "reason", "changes", "hash"]

    def get_actor_name(self, event) -> str:
        return str(event.actor) if event.actor_id else ""


# Tasks --------------------------------------------------------------------------------


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    step = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    status = serializers.CharField()
    owner = serializers.IntegerField(source="owner_id", allow_null=True)
    assistance_request = serializers.SerializerMethodField()
    kind = serializers.SerializerMethodField()
    beneficiary_name = serializers.SerializerMethodField()
    created = serializers.DateTimeField()
    finished = serializers.DateTimeField(allow_null=True)
    due = serializers.SerializerMethodField()
    complete_url = serializers.SerializerMethodField()

    def _case(self, task):
        return task.process.assistanceprocess.assistance_request

    def get_step(self, task) -> str:
        return task.flow_task.name

    def get_title(self, task) -> str:
        return str(task.flow_task)

    def get_assistance_request(self, task) -> int:
        return self._case(task).pk

    def get_kind(self, task) -> str:
        return self._case(task).kind

    def get_beneficiary_name(self, task) -> str:
        return self._case(task).beneficiary.name

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due(self, task):
        due = due_of(task)
        return serializers.DateTimeField().to_representation(due) if due else None

    def get_complete_url(self, task) -> str:
        from .steps import STEP_OF_NODE

        return f"/api/v1/tasks/{task.pk}/complete/{STEP_OF_NODE[task.flow_task.name]}/"


class StepResultSerializer(serializers.Serializer):
    """The answer to a completed step: kept small, because a step is a transition, not a
    read. The whole request is one GET away (`url`)."""

    task = serializers.IntegerField(help_text="The task just completed.")
    step = serializers.CharField(help_text="Its node, e.g. verify or sign_off_first.")
    assistance_request = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Status.choices, help_text="The request's status now.")
    open_tasks = serializers.ListField(
        child=serializers.IntegerField(), help_text="The request's open tasks (the next step)."
    )
    url = serializers.CharField(help_text="The request, in full.")


class ChecklistEntrySerializer(serializers.Serializer):
    item = serializers.CharField(max_length=200)
    received = serializers.BooleanField()


class VerifyStepSerializer(serializers.Serializer):
    visit_date = serializers.DateField()
    findings = serializers.CharField(**TEXT)
    checklist = ChecklistEntrySerializer(many=True, max_length=50, required=False, default=list)
    verified = serializers.BooleanField()


MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class SignOffStepSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.Outcome.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="", **TEXT)
    approved_amount = serializers.DecimalField(required=False, allow_null=True, **MONEY)


class AnswerStepSerializer(serializers.Serializer):
    answer = serializers.CharField(**TEXT)


class DispatchStepSerializer(serializers.Serializer):
    team = ScopedPrimaryKey(lambda user: teams_visible_to(user).filter(active=True))
    note = serializers.CharField(required=False, allow_blank=True, default="", **TEXT)


class AcceptStepSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", **TEXT)


class DeliveryStepSerializer(serializers.Serializer):
    delivered_on = serializers.DateField()
    hours = serializers.DecimalField(max_digits=6, decimal_places=1, min_value=0)
    work_done = serializers.CharField(**TEXT)


class FileWithCourtStepSerializer(serializers.Serializer):
    filed_on = serializers.DateField()
    case_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")


class CourtDecisionStepSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=CourtDecision.choices)
    relief_amount = serializers.DecimalField(required=False, allow_null=True, **MONEY)
    decided_on = serializers.DateField()


class FollowUpStepSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    method = serializers.ChoiceField(choices=FollowUp.Method.choices)
    findings = serializers.CharField(**TEXT)
    satisfaction = serializers.IntegerField(min_value=1, max_value=5)


class CloseStepSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=Outcome.Result.choices)
    amount_delivered = serializers.DecimalField(required=False, default=0, **MONEY)
    summary = serializers.CharField(**TEXT)


class DocumentLinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="the page's link (session)")
    method = serializers.CharField(help_text="GET or POST")
    api_url = serializers.CharField(allow_null=True, help_text="download with your token")


class DocumentListSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    documents = DocumentLinkSerializer(many=True)
