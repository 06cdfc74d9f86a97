"""What the three flows share: starting, who gets each step, gateway questions, deadlines.

The flows are declared one per module (their node names are stored in the database); this
mixin holds the methods their nodes point at with `this.<name>`.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from viewflow.workflow import lock

from cases import services
from cases.models import Decision, Status
from cases.roles import LEADER

from .nodes import assistance_request_of


def _covering(area):
    """Users who serve `area` or an area above it."""
    prefixes, path = [], ""
    for code in area.path.strip("/").split("/"):
        path += f"/{code}"
        prefixes.append(path + "/")
    return get_user_model().objects.filter(areas__path__in=prefixes, is_active=True).distinct()


def _host_of(activation):
    """The human task a boundary timer (the function's previous task) is attached to."""
    boundary = activation.task.previous.get()
    return boundary, boundary.previous.get()


class CaseFlowMixin:
    lock_impl = lock.select_for_update_lock

    def has_view_permission(self, user, obj=None):
        """As the flow pages (viewsets.CaseFlowAppViewset): whoever may read requests.

        Viewflow asks for the process proxy's own `view` permission, which no role holds, so
        the process chart on task and case pages answered 403. Rows are scoped by the URLs.
        """
        return user.is_authenticated and user.has_perm("cases.view_assistancerequest")

    # Starting ---------------------------------------------------------------------------

    def start_case(self, activation, assistance_request):
        activation.process.assistance_request = assistance_request
        return activation.process

    # Who gets a step --------------------------------------------------------------------

    def case_worker(self, activation):
        assistance_request = assistance_request_of(activation.process)
        return assistance_request.verified_by or assistance_request.submitted_by

    def team_leader(self, activation):
        assistance_request = assistance_request_of(activation.process)
        return services.current_dispatch(assistance_request).team.leader

    def _returning_approver(self, activation, level):
        """After a return is answered, the request goes back to the approver who asked."""
        assistance_request = assistance_request_of(activation.process)
        last = assistance_request.decisions.filter(level=level).last()
        if last and last.outcome == Decision.Outcome.RETURN and last.answered_at:
            return last.approver
        return None

    def first_approver(self, activation):
        return self._returning_approver(activation, 1)

    def second_approver(self, activation):
        return self._returning_approver(activation, 2)

    # Gateway questions (total: every status answers one way) ----------------------------

    def _status(self, activation):
        return assistance_request_of(activation.process).status

    def is_returned(self, activation):
        return self._status(activation) == Status.RETURNED

    def is_refused(self, activation):
        return self._status(activation) == Status.REJECTED

    def awaits_second(self, activation):
        return self._status(activation) == Status.AWAITING_SECOND

    def is_accepted(self, activation):
        return self._status(activation) == Status.IN_DELIVERY

    # Offers to a team (派单): a reminder half-way, expiry at the deadline ------------------

    def offer_reminder_due(self, activation):
        host = activation.task.previous.get()
        due = parse_datetime(host.data["due"])
        return host.created + (due - host.created) / 2

    def offer_expires_at(self, activation):
        return parse_datetime(activation.task.previous.get().data["due"])

    def lapse_offer(self, activation):
        services.expire_dispatch(assistance_request=assistance_request_of(activation.process))

    # One-on-one visits -------------------------------------------------------------------

    def _pairing(self, activation):
        """The request's pairing: read once, or the one the accept step has just opened."""
        from volunteers.models import Pairing

        try:
            return assistance_request_of(activation.process).pairing
        except Pairing.DoesNotExist:
            return None

    def visit_check_at(self, activation):
        from volunteers.services import check_at

        pairing = self._pairing(activation)
        if pairing is None or not pairing.is_active:
            return timezone.now()
        return check_at(pairing)

    def check_missed_visit(self, activation):
        from volunteers.services import check_missed_visit

        pairing = self._pairing(activation)
        if pairing is not None:
            check_missed_visit(pairing=pairing)

    def pairing_active(self, activation):
        pairing = self._pairing(activation)
        return pairing is not None and pairing.is_active

    # Deadlines --------------------------------------------------------------------------

    def reminder_due(self, activation):
        return parse_datetime(activation.task.previous.get().data["due"])

    def escalation_due(self, activation):
        return parse_datetime(activation.task.previous.get().data["escalate_at"])

    def send_reminder(self, activation):
        _boundary, host = _host_of(activation)
        assistance_request = assistance_request_of(activation.process)
        if host.owner_id:
            users = [host.owner]
        else:
            app_label, codename = host.owner_permission.split(".")
            users = _covering(assistance_request.area).filter(
                Q(groups__permissions__codename=codename)
                & Q(groups__permissions__content_type__app_label=app_label)
            )
        services.notify_overdue(
            assistance_request=assistance_request,
            step=str(host.flow_task.task_title),
            users=list(users),
        )

    def send_escalation(self, activation):
        _boundary, host = _host_of(activation)
        assistance_request = assistance_request_of(activation.process)
        leaders = _covering(assistance_request.area).filter(groups__name=LEADER)
        services.notify_overdue(
            assistance_request=assistance_request,
            step=str(host.flow_task.task_title),
            users=list(leaders),
            escalation=True,
        )
