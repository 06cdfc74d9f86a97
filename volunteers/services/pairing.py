"""Pairings: the missed-visit check the flow's timer runs, and handing a pairing over."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.errors import DomainError
from cases.models import Notification

from ..models import Assignment, AssignmentMember, Membership, Pairing, VolunteerSettings
from .common import is_case_worker_for, is_leader, record_event, require_text


def check_at(pairing):
    """When to look next: the end of the day the grace period after the next visit ends."""
    grace = timedelta(days=VolunteerSettings.current().visit_grace_days)
    day = pairing.next_visit_due() + grace
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def _case_worker(assistance_request):
    return assistance_request.verified_by or assistance_request.submitted_by


@transaction.atomic
def check_missed_visit(*, pairing, now=None):
    """Raise a missed-visit alert (once per due date) to the team leader and the case worker
    when no visit came within the interval and the grace period. Returns the alert text."""
    now = now or timezone.now()
    pairing = Pairing.objects.select_related("team__leader", "helper").get(pk=pairing.pk)
    if not pairing.is_active or now < check_at(pairing):
        return ""
    due = pairing.next_visit_due()
    assistance_request = pairing.assistance_request
    text = _("Missed visit: %(helper)s was due to visit %(household)s by %(due)s (#%(pk)s).") % {
        "helper": pairing.helper or pairing.team,
        "household": assistance_request.beneficiary.name,
        "due": due.isoformat(),
        "pk": assistance_request.pk,
    }
    users = [u for u in (pairing.team.leader, _case_worker(assistance_request)) if u]
    user_pks = sorted({u.pk for u in users})
    pairing.alerted_for = due
    pairing.save(update_fields=["alerted_for"])
    record_event(
        "pairing.visit_missed",
        by=None,
        target=pairing,
        assistance_request=assistance_request,
        reason=text,
        changes={"due": [None, due.isoformat()], "notified": [None, user_pks]},
    )

    def send():  # after commit: a rolled-back check notifies no one
        Notification.objects.bulk_create(
            Notification(
                user_id=pk, assistance_request=assistance_request, kind="pairing.visit_missed",
                text=text[:300],
            )
            for pk in user_pks
        )  # fmt: skip

    transaction.on_commit(send)
    return text


def _names(volunteer):
    return volunteer.name if volunteer else ""


@transaction.atomic
def hand_over_pairing(*, by, pairing, reason, to_helper=None, to_team=None):
    """A helper leaves: the pairing goes to another member of the team, or to another team
    (whose leader then holds the work). The handover keeps both names."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    if not pairing.is_active:
        raise DomainError(_("This pairing has ended."), code="wrong_status")
    if not (is_leader(by, pairing.team) or is_case_worker_for(by, pairing.assistance_request)):
        raise DomainError(
            _("Only the team leader or the case worker can hand a pairing over."),
            code="forbidden",
        )
    reason = require_text(reason, "reason")
    to_team = to_team or pairing.team
    if to_team.pk != pairing.team_id and (not to_team.active or to_team.leader_id is None):
        raise DomainError(_("That team is not active or has no leader."), field="to_team")
    if (
        to_helper is not None
        and not Membership.objects.filter(team=to_team, volunteer=to_helper).exists()
    ):
        raise DomainError(
            _("%(name)s is not a member of %(team)s.") % {"name": to_helper.name, "team": to_team},
            field="to_helper",
        )
    if to_team.pk == pairing.team_id and (to_helper is None or to_helper == pairing.helper):
        raise DomainError(_("Choose another member or another team."), field="to_helper")
    from_team, from_helper = pairing.team, pairing.helper
    assignment = pairing.assignment
    if to_team.pk != from_team.pk:
        old = assignment
        old.status, old.finished_at = Assignment.Status.HANDED_OVER, timezone.now()
        old.save(update_fields=["status", "finished_at"])
        assignment = Assignment.objects.create(
            assistance_request=pairing.assistance_request,
            team=to_team,
            status=Assignment.Status.OPEN,
            starts_on=timezone.localdate(),
            ends_on=old.ends_on,
            accepted_at=timezone.now(),
        )
    if to_helper is not None:
        AssignmentMember.objects.get_or_create(
            assignment=assignment, volunteer=to_helper, defaults={"assigned_by": by}
        )
    pairing.team, pairing.helper, pairing.assignment = to_team, to_helper, assignment
    pairing.save(update_fields=["team", "helper", "assignment"])
    handover = pairing.handovers.create(
        from_team=from_team,
        to_team=to_team,
        from_helper=from_helper,
        to_helper=to_helper,
        from_helper_name=_names(from_helper),
        to_helper_name=_names(to_helper),
        reason=reason,
        handed_over_by=by,
    )
    record_event(
        "pairing.handed_over",
        by=by,
        target=pairing,
        assistance_request=pairing.assistance_request,
        reason=reason,
        changes={
            "team": [from_team.pk, to_team.pk],
            "helper": [_names(from_helper), _names(to_helper)],
        },
    )
    return handover
