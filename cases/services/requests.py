"""State changes of assistance requests: one function per transition.

Each takes keyword arguments and the acting user as `by`, checks its preconditions (raising
DomainError), saves with update_fields, writes a CaseEvent with the fields before and after,
and returns the request. Flow task views call these and then move the process on.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, eligibility
from ..errors import DomainError
from ..models import (
    AssistanceRequest,
    CourtDecision,
    Decision,
    Dispatch,
    FarmingHelpDetail,
    FarmingMode,
    FeeWaiverDetail,
    FollowUp,
    Kind,
    Notification,
    OfficeSettings,
    OneOnOneDetail,
    Outcome,
    Status,
    VerificationReport,
)
from ..roles import LEADER, roles_of
from ..selectors import areas_visible_to, beneficiaries_visible_to
from . import volunteer_work

DETAIL_MODELS = {
    Kind.FEE_WAIVER: FeeWaiverDetail,
    Kind.ONE_ON_ONE: OneOnOneDetail,
    Kind.FARMING_HELP: FarmingHelpDetail,
}
TRACKED = ["status", "amount", "needs_second_level", "verified_by", "closed_at"]


def _change(assistance_request, kind, *, by, reason="", extra=None, **fields):
    """Set fields, save them, and record the event with before and after."""
    before = audit.snapshot(assistance_request, list(fields))
    for name, value in fields.items():
        setattr(assistance_request, name, value)
    assistance_request.save(update_fields=[*fields, "updated_at"])
    changes = audit.diff(before, audit.snapshot(assistance_request, list(fields)))
    changes.update(extra or {})
    audit.record(
        kind,
        by=by,
        target=assistance_request,
        beneficiary_id=assistance_request.beneficiary_id,
        assistance_request=assistance_request,
        reason=reason,
        changes=changes,
    )
    return assistance_request


def _require_status(assistance_request, *statuses):
    if assistance_request.status not in statuses:
        raise DomainError(
            _("This request is %(status)s; that step is not possible now.")
            % {"status": assistance_request.get_status_display()},
            code="wrong_status",
        )


def _require_text(value, field="comment"):
    if not (value or "").strip():
        raise DomainError(_("Give a reason."), field=field, code="required")


def _money(value, field):
    try:
        value = Decimal(value)
    except (TypeError, ValueError, ArithmeticError):
        raise DomainError(_("Enter an amount in yuan."), field=field) from None
    if not value.is_finite() or value < 0:
        raise DomainError(_("An amount cannot be negative."), field=field)
    return value


# Intake -------------------------------------------------------------------------------


def _check_detail(kind, detail):
    """Rules across fields of a detail row; raises DomainError for the first problem."""
    if kind == Kind.FEE_WAIVER:
        problems = eligibility.fee_relief_problems(
            relief=detail.relief_sought, reduction_percent=detail.reduction_percent
        )
        for field, message in problems.items():
            raise DomainError(message, field=field, code="relief")
        _money(detail.fee_amount, "fee_amount")
    elif kind == Kind.ONE_ON_ONE:
        if detail.term_end < detail.term_start:
            raise DomainError(_("The term ends before it starts."), field="term_end")
        if not (detail.help_funds or detail.help_labour or detail.help_know_how):
            raise DomainError(_("Choose at least one kind of help."), field="help_funds")
        _money(detail.funds_amount, "funds_amount")
    elif kind == Kind.FARMING_HELP:
        if detail.window_end < detail.window_start:
            raise DomainError(_("The window ends before it starts."), field="window_end")
        if detail.mode == FarmingMode.MONEY and not _money(detail.money_amount, "money_amount"):
            raise DomainError(_("Give the amount paid in lieu."), field="money_amount")
    try:
        detail.full_clean(exclude=["assistance_request"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from None


def _amount_of(kind, detail):
    if kind == Kind.FEE_WAIVER:
        return detail.relief_value()
    if kind == Kind.ONE_ON_ONE:
        return detail.funds_amount if detail.help_funds else Decimal("0")
    return detail.money_amount if detail.mode == FarmingMode.MONEY else Decimal("0")


def _apply_suggestion(assistance_request, detail, override_reason):
    """Fee relief: record the rules' suggestion; a different choice needs a reason."""
    suggestion = eligibility.suggest_fee_relief(
        category=assistance_request.beneficiary.category,
        claim_type=detail.claim_type,
        receives_legal_aid=detail.receives_legal_aid,
        minimum_allowance=detail.minimum_allowance,
        no_fixed_income=detail.no_fixed_income,
    )
    assistance_request.suggested_relief = suggestion.relief or ""
    assistance_request.suggested_ground = suggestion.ground
    if suggestion.relief and detail.relief_sought != suggestion.relief:
        if not override_reason.strip():
            raise DomainError(
                _(
                    "The rules suggest %(relief)s under %(citation)s. To ask for something "
                    "else, write the reason."
                )
                % {"relief": suggestion.relief_label, "citation": suggestion.citation},
                field="override_reason",
                code="override_reason",
            )
        assistance_request.override_reason = override_reason.strip()
    if not detail.legal_ground:
        detail.legal_ground = suggestion.ground if detail.relief_sought == suggestion.relief else ""


@transaction.atomic
def submit_request(*, by, kind, beneficiary, detail, summary="", area=None, override_reason=""):
    """受理: register a request with its detail row (unsaved instance of the kind's model)."""
    if kind not in DETAIL_MODELS or not isinstance(detail, DETAIL_MODELS[kind]):
        raise DomainError(_("Unknown kind of request."), field="kind")
    if not beneficiaries_visible_to(by).filter(pk=beneficiary.pk).exists():
        raise DomainError(_("This beneficiary is outside your areas."), field="beneficiary")
    area = area or beneficiary.area
    if not areas_visible_to(by).filter(pk=area.pk).exists():
        raise DomainError(_("This area is outside the areas you serve."), field="area")
    _check_detail(kind, detail)
    assistance_request = AssistanceRequest(
        kind=kind,
        beneficiary=beneficiary,
        area=area,
        submitted_by=by,
        summary=(summary or "").strip()[:200] or str(Kind(kind).label),
    )
    if kind == Kind.FEE_WAIVER:
        _apply_suggestion(assistance_request, detail, override_reason)
    elif override_reason:
        assistance_request.override_reason = override_reason.strip()
    assistance_request.amount = _amount_of(kind, detail)
    assistance_request.save()
    detail.assistance_request = assistance_request
    detail.save(force_insert=True)  # a new row: no UPDATE attempt first (its pk is set)
    audit.record(
        "request.submitted",
        by=by,
        target=assistance_request,
        beneficiary=beneficiary,
        assistance_request=assistance_request,
        reason=assistance_request.override_reason,
        changes={
            "status": [None, assistance_request.status],
            "kind": [None, kind],
            "amount": [None, str(assistance_request.amount)],
            "suggested": [
                None,
                f"{assistance_request.suggested_relief} {assistance_request.suggested_ground}".strip(),
            ],
            **{
                f.name: [None, audit._plain(getattr(detail, f.name))]
                for f in detail._meta.concrete_fields
                if f.name != "assistance_request" and getattr(detail, f.name) not in (None, "")
            },
        },
    )
    return assistance_request


# Verification and sign-off ------------------------------------------------------------


@transaction.atomic
def verify(*, by, assistance_request, visit_date, findings, checklist, verified):
    """调查核实: the home visit report and documents checklist."""
    _require_status(assistance_request, Status.SUBMITTED)
    _require_text(findings, "findings")
    if visit_date > timezone.localdate():
        raise DomainError(_("The visit cannot be in the future."), field="visit_date")
    report = VerificationReport.objects.create(
        assistance_request=assistance_request,
        visit_date=visit_date,
        findings=findings,
        checklist=checklist,
        verified=verified,
        verified_by=by,
    )
    return _change(
        assistance_request,
        "request.verified",
        by=by,
        reason=findings,
        extra={"verification": [None, report.pk], "verified": [None, verified]},
        status=Status.VERIFIED,
        verified_by=by,
    )


def sign_off_refusal(assistance_request, user, level):
    """Why `user` may not sign at `level` (four-eyes), or None when they may."""
    if user.pk in (assistance_request.submitted_by_id, assistance_request.verified_by_id):
        return _("You registered or verified this request, so you cannot sign it off.")
    if level == 2 and any(
        d.approver_id == user.pk
        for d in assistance_request.decisions.all()
        if d.level == 1 and d.outcome == Decision.Outcome.APPROVE
    ):
        return _("You gave the first-level sign-off, so you cannot give the second.")
    return None


def _sign(assistance_request, level, by, outcome, comment, approved_amount=None):
    expected = Status.VERIFIED if level == 1 else Status.AWAITING_SECOND
    _require_status(assistance_request, expected)
    refusal = sign_off_refusal(assistance_request, by, level)
    if refusal:
        raise DomainError(refusal, code="four_eyes")
    if outcome != Decision.Outcome.APPROVE:
        _require_text(comment)
    if approved_amount is not None:
        approved_amount = _money(approved_amount, "approved_amount")
    return Decision.objects.create(
        assistance_request=assistance_request,
        level=level,
        approver=by,
        outcome=outcome,
        comment=comment,
        approved_amount=approved_amount,
    )


@transaction.atomic
def approve(*, by, assistance_request, level, comment="", approved_amount=None):
    decision = _sign(
        assistance_request, level, by, Decision.Outcome.APPROVE, comment, approved_amount
    )
    fields = {"status": Status.APPROVED}
    if approved_amount is not None:
        fields["amount"] = decision.approved_amount
    if level == 1:
        detail = assistance_request.detail
        relief = getattr(detail, "relief_sought", None)
        needs_second = eligibility.needs_second_level(
            relief=relief,
            amount=fields.get("amount", assistance_request.amount),
            threshold=OfficeSettings.current().second_level_threshold,
        )
        fields["needs_second_level"] = needs_second
        if needs_second:
            fields["status"] = Status.AWAITING_SECOND
    return _change(
        assistance_request,
        f"request.approved.level{level}",
        by=by,
        reason=comment,
        extra={"decision": [None, decision.pk]},
        **fields,
    )


@transaction.atomic
def reject(*, by, assistance_request, level, comment):
    decision = _sign(assistance_request, level, by, Decision.Outcome.REJECT, comment)
    return _change(
        assistance_request,
        f"request.rejected.level{level}",
        by=by,
        reason=comment,
        extra={"decision": [None, decision.pk]},
        status=Status.REJECTED,
        closed_at=timezone.now(),
    )


@transaction.atomic
def return_for_info(*, by, assistance_request, level, comment):
    decision = _sign(assistance_request, level, by, Decision.Outcome.RETURN, comment)
    return _change(
        assistance_request,
        f"request.returned.level{level}",
        by=by,
        reason=comment,
        extra={"decision": [None, decision.pk]},
        status=Status.RETURNED,
    )


def open_return(assistance_request):
    return assistance_request.decisions.filter(
        outcome=Decision.Outcome.RETURN, answered_at__isnull=True
    ).last()


@transaction.atomic
def answer_return(*, by, assistance_request, answer):
    """The case worker answers the approver's questions; it goes back to that approver."""
    _require_status(assistance_request, Status.RETURNED)
    _require_text(answer, "answer")
    decision = open_return(assistance_request)
    decision.answer, decision.answered_by, decision.answered_at = answer, by, timezone.now()
    decision.save(update_fields=["answer", "answered_by", "answered_at"])
    status = Status.VERIFIED if decision.level == 1 else Status.AWAITING_SECOND
    return _change(
        assistance_request,
        "request.answered",
        by=by,
        reason=answer,
        extra={"decision": [None, decision.pk]},
        status=status,
    )


@transaction.atomic
def withdraw(*, by, assistance_request, reason):
    """The submitter takes the request back, before any approver has acted."""
    if by.pk != assistance_request.submitted_by_id:
        raise DomainError(_("Only the person who registered it can withdraw a request."))
    _require_status(assistance_request, Status.SUBMITTED, Status.VERIFIED)
    if assistance_request.decisions.exists():
        raise DomainError(_("An approver has already acted; ask a leader to cancel instead."))
    _require_text(reason, "reason")
    return _change(
        assistance_request,
        "request.withdrawn",
        by=by,
        reason=reason,
        status=Status.WITHDRAWN,
        closed_at=timezone.now(),
    )


@transaction.atomic
def cancel(*, by, assistance_request, reason):
    """A leader stops the case, with a reason."""
    if LEADER not in roles_of(by) and not by.is_superuser:
        raise DomainError(_("Only a leader can cancel a request."), code="forbidden")
    if assistance_request.is_finished:
        raise DomainError(_("This request is already finished."), code="wrong_status")
    _require_text(reason, "reason")
    return _change(
        assistance_request,
        "request.cancelled",
        by=by,
        reason=reason,
        status=Status.CANCELLED,
        closed_at=timezone.now(),
    )


# Dispatch and delivery ----------------------------------------------------------------


@transaction.atomic
def dispatch(*, by, assistance_request, team, note=""):
    """派单: hand the approved request to a volunteer team."""
    _require_status(assistance_request, Status.APPROVED)
    if not team.active:
        raise DomainError(_("This team is not active."), field="team")
    if team.leader_id is None:
        raise DomainError(_("This team has no leader to accept the work."), field="team")
    record = Dispatch.objects.create(
        assistance_request=assistance_request, team=team, note=note, dispatched_by=by
    )
    volunteer_work.open_offer(dispatch_record=record)
    assistance_request._current_dispatch = record
    return _change(
        assistance_request,
        "request.dispatched",
        by=by,
        reason=note,
        extra={"team": [None, team.pk], "dispatch": [None, record.pk]},
        status=Status.DISPATCHED,
    )


def current_dispatch(assistance_request):
    """The latest dispatch, with its team, leader and offer (assignment), pointing back at
    this very object (the volunteer side reads `dispatch.assistance_request`: no second read
    of the request). Kept on the object: the accept step asks in the service and again to
    hand the delivery to the team's leader; `dispatch` keeps the one it creates."""
    if "_current_dispatch" not in assistance_request.__dict__:
        record = (
            assistance_request.dispatches.select_related("team__leader", "assignment")
            .order_by("-id")
            .first()
        )
        if record is not None:
            record.assistance_request = assistance_request
        assistance_request._current_dispatch = record
    return assistance_request._current_dispatch


@transaction.atomic
def accept_dispatch(*, by, assistance_request, accepted, reason=""):
    """The team leader accepts the work, or declines it with a reason (back to dispatch)."""
    _require_status(assistance_request, Status.DISPATCHED)
    record = current_dispatch(assistance_request)
    if record.team.leader_id != by.pk:
        raise DomainError(_("Only the team's leader can answer for the team."), code="forbidden")
    if not accepted:
        _require_text(reason, "reason")
    record.accepted, record.responded_by, record.responded_at = accepted, by, timezone.now()
    record.decline_reason = "" if accepted else reason
    record.save(update_fields=["accepted", "responded_by", "responded_at", "decline_reason"])
    volunteer_work.answer_offer(dispatch_record=record, accepted=accepted)
    return _change(
        assistance_request,
        "request.accepted" if accepted else "request.declined",
        by=by,
        reason=reason,
        extra={"dispatch": [None, record.pk]},
        status=Status.IN_DELIVERY if accepted else Status.APPROVED,
    )


@transaction.atomic
def expire_dispatch(*, assistance_request):
    """No answer from the team in time: the offer lapses and the request goes back to the
    dispatcher (run by the flow's timer, so there is no acting user)."""
    _require_status(assistance_request, Status.DISPATCHED)
    record = current_dispatch(assistance_request)
    hours = volunteer_work.offer_hours()
    reason = _("No answer from the team within %(hours)s hours; the offer expired.") % {
        "hours": hours
    }
    record.accepted, record.responded_at, record.decline_reason = False, timezone.now(), reason
    record.save(update_fields=["accepted", "responded_at", "decline_reason"])
    volunteer_work.expire_offer(dispatch_record=record)
    dispatcher = record.dispatched_by_id
    text = _("Offer expired: %(team)s did not answer for %(request)s.") % {
        "team": record.team,
        "request": assistance_request,
    }
    transaction.on_commit(
        lambda: Notification.objects.create(
            user_id=dispatcher,
            assistance_request=assistance_request,
            kind="dispatch.expired",
            text=text[:300],
        )
    )
    return _change(
        assistance_request,
        "request.offer_expired",
        by=None,
        reason=reason,
        extra={"dispatch": [None, record.pk], "team": [record.team_id, None]},
        status=Status.APPROVED,
    )


def _schedule_follow_up(assistance_request, after):
    detail = assistance_request.detail
    days = detail.visit_interval_days if assistance_request.kind == Kind.ONE_ON_ONE else 14
    scheduled = FollowUp.objects.create(
        assistance_request=assistance_request, due=after + timedelta(days=days)
    )
    # The follow-up step created next in this transition is due then (flows.views).
    assistance_request._scheduled_follow_up = scheduled
    return scheduled


@transaction.atomic
def record_delivery(
    *, by, assistance_request, delivered_on, hours=None, work_done, household_confirmed_by=""
):
    """The team leader confirms the work done (服务记录).

    The hours are the total of the team's activity records, which the household must all
    have confirmed; when the team logged none, this step records the work as one record.
    Money in lieu needs a payment recorded first.
    """
    _require_status(assistance_request, Status.IN_DELIVERY)
    record = current_dispatch(assistance_request)
    assignment = volunteer_work.current_assignment(assistance_request)
    team = assignment.team if assignment else record.team
    if team.leader_id != by.pk:
        raise DomainError(_("Only the team's leader can confirm the work."), code="forbidden")
    _require_text(work_done, "work_done")
    hours = _money(hours, "hours") if hours not in (None, "") else None
    if delivered_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="delivered_on")
    hours = volunteer_work.complete_assignment(
        assignment=assignment,
        by=by,
        assistance_request=assistance_request,
        delivered_on=delivered_on,
        hours=hours,
        work_done=work_done,
        household_confirmed_by=household_confirmed_by,
    )
    record.delivered_on, record.hours, record.work_done = delivered_on, hours, work_done
    record.save(update_fields=["delivered_on", "hours", "work_done"])
    if assistance_request.kind == Kind.FEE_WAIVER:
        status = Status.COURT_FILING
    else:
        status = Status.FOLLOW_UP
        _schedule_follow_up(assistance_request, delivered_on)
    return _change(
        assistance_request,
        "request.delivered",
        by=by,
        reason=work_done,
        extra={"hours": [None, str(hours)], "delivered_on": [None, delivered_on.isoformat()]},
        status=status,
    )


@transaction.atomic
def file_with_court(*, by, assistance_request, filed_on, case_number=""):
    _require_status(assistance_request, Status.COURT_FILING)
    detail = assistance_request.fee_waiver
    if filed_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="filed_on")
    before = {"filed_on": None, "case_number": detail.case_number}
    detail.filed_on = filed_on
    detail.case_number = case_number or detail.case_number
    detail.save(update_fields=["filed_on", "case_number"])
    extra = audit.diff(
        before, {"filed_on": filed_on.isoformat(), "case_number": detail.case_number}
    )
    return _change(assistance_request, "request.filed", by=by, extra=extra, status=Status.AT_COURT)


@transaction.atomic
def record_court_decision(*, by, assistance_request, decision, decided_on, relief_amount=None):
    """The court decides (§51); its decision is the case's outcome."""
    _require_status(assistance_request, Status.AT_COURT)
    if decision not in CourtDecision.values:
        raise DomainError(_("Choose the court's decision."), field="decision")
    detail = assistance_request.fee_waiver
    if decision == CourtDecision.REFUSED:
        relief_amount = Decimal("0")
    elif relief_amount in (None, ""):
        raise DomainError(_("Give the amount the court relieved."), field="relief_amount")
    relief_amount = _money(relief_amount, "relief_amount")
    if relief_amount > detail.fee_amount:
        raise DomainError(_("The relief cannot exceed the fee."), field="relief_amount")
    if detail.filed_on and decided_on < detail.filed_on:
        raise DomainError(_("The court cannot decide before the filing."), field="decided_on")
    detail.court_decision, detail.court_decided_on = decision, decided_on
    detail.court_relief_amount = relief_amount
    detail.save(update_fields=["court_decision", "court_decided_on", "court_relief_amount"])
    _schedule_follow_up(assistance_request, decided_on)
    return _change(
        assistance_request,
        "request.court_decided",
        by=by,
        extra={
            "court_decision": [None, decision],
            "court_relief_amount": [None, str(relief_amount)],
        },
        status=Status.FOLLOW_UP,
    )


# Follow-up and close ------------------------------------------------------------------


@transaction.atomic
def follow_up(*, by, assistance_request, done_on, method, findings, satisfaction):
    """回访."""
    _require_status(assistance_request, Status.FOLLOW_UP)
    _require_text(findings, "findings")
    if satisfaction is not None and not 1 <= int(satisfaction) <= 5:
        raise DomainError(_("Satisfaction is 1 to 5."), field="satisfaction")
    record = assistance_request.follow_ups.filter(done_on__isnull=True).first() or FollowUp(
        assistance_request=assistance_request, due=done_on
    )
    record.done_on, record.method, record.findings = done_on, method, findings
    record.satisfaction, record.recorded_by = satisfaction, by
    record.save()
    return _change(
        assistance_request,
        "request.followed_up",
        by=by,
        reason=findings,
        extra={"follow_up": [None, record.pk], "satisfaction": [None, satisfaction]},
        status=Status.TO_CLOSE,
    )


@transaction.atomic
def close(*, by, assistance_request, result, summary, amount_delivered=Decimal("0")):
    """结案 with the recorded outcome."""
    _require_status(assistance_request, Status.TO_CLOSE)
    _require_text(summary, "summary")
    if result not in Outcome.Result.values:
        raise DomainError(_("Choose the result."), field="result")
    problem = volunteer_work.close_problem(assistance_request)
    if problem:  # 以资代劳: no close without the household's acknowledgement of receipt
        raise DomainError(problem, code="unacknowledged")
    amount_delivered = _money(amount_delivered, "amount_delivered")
    Outcome.objects.create(
        assistance_request=assistance_request,
        result=result,
        summary=summary,
        amount_delivered=amount_delivered,
        closed_by=by,
    )
    return _change(
        assistance_request,
        "request.closed",
        by=by,
        reason=summary,
        extra={"result": [None, result], "amount_delivered": [None, str(amount_delivered)]},
        status=Status.CLOSED,
        closed_at=timezone.now(),
    )


# Deadlines ----------------------------------------------------------------------------


@transaction.atomic
def notify_overdue(*, assistance_request, step, users, escalation=False):
    """A reminder (to whoever holds the step) or an escalation (to the leaders), once."""
    kind = "task.escalated" if escalation else "task.reminded"
    if escalation:
        text = _("Overdue: %(step)s of %(request)s has passed its deadline twice.")
    else:
        text = _("Reminder: %(step)s of %(request)s is due now.")
    text = text % {"step": step, "request": assistance_request}
    user_pks = [user.pk for user in users]
    audit.record(
        kind,
        by=None,
        target=assistance_request,
        beneficiary_id=assistance_request.beneficiary_id,
        assistance_request=assistance_request,
        reason=text,
        changes={"notified": [None, user_pks]},
    )

    def send():  # after commit: a rolled-back step notifies no one
        Notification.objects.bulk_create(
            Notification(user_id=pk, assistance_request=assistance_request, kind=kind, text=text)
            for pk in user_pks
        )

    transaction.on_commit(send)


__all__ = [
    "accept_dispatch",
    "answer_return",
    "approve",
    "cancel",
    "close",
    "dispatch",
    "expire_dispatch",
    "file_with_court",
    "follow_up",
    "notify_overdue",
    "record_court_decision",
    "record_delivery",
    "reject",
    "return_for_info",
    "sign_off_refusal",
    "submit_request",
    "verify",
    "withdraw",
]
