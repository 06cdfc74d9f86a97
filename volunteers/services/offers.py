"""The team's side of 派单: an offer, its answer or expiry, and the assignment that follows.

Called by the request services in cases.services.requests (dispatch, accept_dispatch,
expire_dispatch, record_delivery) inside their transaction, so the request's status and the
assignment change together; the request's CaseEvent is written there.
"""

from datetime import timedelta

from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.errors import DomainError
from cases.models import AssistanceRequest

from ..models import ActivityRecord, Assignment, Pairing, VolunteerSettings
from ..selectors import window_of
from .common import is_money_in_lieu


def current_assignment(assistance_request, statuses=(Assignment.Status.OPEN,)):
    assignment = (
        Assignment.objects.filter(assistance_request=assistance_request, status__in=statuses)
        .select_related("team")
        .order_by("-id")
        .first()
    )
    if assignment is not None and isinstance(assistance_request, AssistanceRequest):
        assignment.assistance_request = assistance_request  # the caller's object: no re-read
    return assignment


def open_offer(*, dispatch_record):
    """The dispatch becomes an offer to the team, which expires after the configured hours."""
    assistance_request = dispatch_record.assistance_request
    start, end = window_of(assistance_request)
    hours = VolunteerSettings.current().offer_hours
    return Assignment.objects.create(
        dispatch=dispatch_record,
        assistance_request=assistance_request,
        team=dispatch_record.team,
        starts_on=start,
        ends_on=end,
        expires_at=timezone.now() + timedelta(hours=hours),
    )


def _offer(dispatch_record):
    """The dispatch's offer, as read with the dispatch (cases.services.current_dispatch)."""
    try:
        assignment = dispatch_record.assignment
    except Assignment.DoesNotExist:  # dispatched before assignments existed
        return open_offer(dispatch_record=dispatch_record)
    if "assistance_request" in dispatch_record._state.fields_cache:
        # The request object the service holds (and will save): no second copy of it.
        assignment.assistance_request = dispatch_record.assistance_request
    return assignment


def answer_offer(*, dispatch_record, accepted):
    """Accepted: the assignment opens (and a one-on-one request gets its pairing)."""
    assignment = _offer(dispatch_record)
    now = timezone.now()
    if accepted:
        assignment.status, assignment.accepted_at = Assignment.Status.OPEN, now
    else:
        assignment.status, assignment.finished_at = Assignment.Status.DECLINED, now
    assignment.save(update_fields=["status", "accepted_at", "finished_at"])
    if accepted and assignment.assistance_request.kind == "one_on_one":
        _open_pairing(assignment)
    return assignment


def _open_pairing(assignment):
    """The request's pairing starts with this assignment's team: one upsert, kept on the
    request for the flow's visit timer (flows.base.visit_check_at) to read.

    A request is accepted once (after that it never goes back to dispatch), so the row is
    new; the upsert only keeps a repeated answer harmless, as update_or_create did (without
    its lock and two savepoints: the process lock is held)."""
    assistance_request = assignment.assistance_request
    detail = assistance_request.one_on_one
    pairing = Pairing(
        assistance_request=assistance_request,
        assignment=assignment,
        team_id=assignment.team_id,
        visit_interval_days=detail.visit_interval_days,
        started_on=max(timezone.localdate(), detail.term_start),
        ended_on=None,
    )
    Pairing.objects.bulk_create(
        [pairing],
        update_conflicts=True,
        unique_fields=["assistance_request"],
        update_fields=["assignment", "team", "visit_interval_days", "started_on", "ended_on"],
    )
    assistance_request.pairing = pairing


def expire_offer(*, dispatch_record):
    assignment = _offer(dispatch_record)
    assignment.status, assignment.finished_at = Assignment.Status.EXPIRED, timezone.now()
    assignment.save(update_fields=["status", "finished_at"])
    return assignment


def _require_delivery_ready(assistance_request, unconfirmed_on):
    """Money in lieu needs a payment; logged work needs the household's confirmation of
    every record (`unconfirmed_on`: the latest day of a record still unconfirmed)."""
    from .money import payments_problem

    if is_money_in_lieu(assistance_request):
        problem = payments_problem(assistance_request, require_acknowledged=False)
        if problem:
            raise DomainError(problem, field="work_done", code="no_payment")
        return
    if unconfirmed_on is not None:
        raise DomainError(
            _("The household has not confirmed the record of %(date)s yet.")
            % {"date": unconfirmed_on.isoformat()},
            field="work_done",
            code="unconfirmed",
        )


def complete_assignment(
    *,
    by,
    assistance_request,
    delivered_on,
    hours,
    work_done,
    household_confirmed_by="",
    assignment=None,
):
    """The delivery step: the assignment is done and its hours are the records' total.

    Work logged record by record must all be confirmed by the household. When the team
    logged nothing, the delivery itself becomes the one activity record (hours without
    names, confirmed if the household member's name is given). Returns the hours total.
    """
    assignment = assignment or current_assignment(assistance_request)
    if assignment is None:  # dispatched and accepted before assignments existed
        assignment = _offer(current_dispatch_of(assistance_request))
        assignment.status = Assignment.Status.OPEN
    records = assignment.activity_records.aggregate(
        total=Sum("hours"), unconfirmed_on=Max("date", filter=Q(confirmed_at__isnull=True))
    )
    _require_delivery_ready(assistance_request, records["unconfirmed_on"])
    total = records["total"]
    if total is None and hours is None:
        raise DomainError(_("Give the hours worked."), field="hours", code="required")
    if total is None and not is_money_in_lieu(assistance_request):
        from .activity import new_record

        record = new_record(
            by=by, assignment=assignment, day=delivered_on, work_done=work_done, hours=hours
        )
        if household_confirmed_by.strip():
            record.confirmed_by_name = household_confirmed_by.strip()[:50]
            record.confirmed_at, record.confirmation_recorded_by = timezone.now(), by
            record.save(
                update_fields=["confirmed_by_name", "confirmed_at", "confirmation_recorded_by"]
            )
        total = hours
    assignment.status, assignment.finished_at = Assignment.Status.DONE, timezone.now()
    assignment.save(update_fields=["status", "finished_at"])
    Pairing.objects.filter(assistance_request=assistance_request, ended_on__isnull=True).update(
        ended_on=delivered_on
    )
    # The request's "request.delivered" event (cases.services.record_delivery) records this.
    return total if total is not None else hours


def current_dispatch_of(assistance_request):
    return assistance_request.dispatches.order_by("-id").first()


def records_total(assistance_request):
    return ActivityRecord.objects.filter(assistance_request=assistance_request).aggregate(
        total=Sum("hours")
    )["total"]
