"""Everything a decision needs, on one page: read with a fixed number of queries."""

from django.db.models import Prefetch

from cases import eligibility
from cases.models import AssistanceRequest, CaseEvent, Kind
from volunteers.selectors import work_summary


def load_case(pk_or_request):
    """The request with its detail, history and people, in a fixed number of queries."""
    pk = getattr(pk_or_request, "pk", pk_or_request)
    return (
        AssistanceRequest.objects.select_related(
            "beneficiary",
            "area",
            "submitted_by",
            "verified_by",
            "fee_waiver",
            "one_on_one",
            "farming_help",
            "outcome__closed_by",
            "process",
        )
        .prefetch_related(
            "decisions__approver",
            "decisions__answered_by",
            "verifications__verified_by",
            "dispatches__team__leader",
            "follow_ups__recorded_by",
            Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
        )
        .get(pk=pk)
    )


def suggestion_for(assistance_request):
    if assistance_request.kind != Kind.FEE_WAIVER:
        return None
    detail = assistance_request.fee_waiver
    return eligibility.suggest_fee_relief(
        category=assistance_request.beneficiary.category,
        claim_type=detail.claim_type,
        receives_legal_aid=detail.receives_legal_aid,
        minimum_allowance=detail.minimum_allowance,
        no_fixed_income=detail.no_fixed_income,
    )


def detail_rows(detail):
    """(label, value) pairs of the kind's detail row, for display."""
    rows = []
    for field in detail._meta.concrete_fields:
        if field.name == "assistance_request":
            continue
        value = getattr(detail, field.name)
        if value in (None, ""):
            continue
        if field.choices:
            value = getattr(detail, f"get_{field.name}_display")()
        elif isinstance(value, bool):
            value = "✓" if value else "✗"
        rows.append((field.verbose_name, value))
    return rows


def case_context(assistance_request, user):
    case = load_case(assistance_request)
    verifications = list(case.verifications.all())
    return {
        "case": case,
        "detail_rows": detail_rows(case.detail) if case.detail else [],
        "suggestion": suggestion_for(case),
        "verification": verifications[0] if verifications else None,
        "decisions": list(case.decisions.all()),
        "dispatches": list(case.dispatches.all()),
        "follow_ups": list(case.follow_ups.all()),
        "timeline": list(case.events.all()),
        "process": getattr(case, "process", None),
        "work": work_summary(case),
    }
