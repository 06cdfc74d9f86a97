"""What the volunteer services share: who may act on an assignment, the audit event."""

from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from cases import audit
from cases.errors import DomainError
from cases.roles import CASE_WORKER, roles_of
from cases.selectors import assistance_requests_visible_to


def record_event(kind, *, by, target, assistance_request, reason="", changes=None):
    return audit.record(
        kind,
        by=by,
        target=target,
        beneficiary_id=assistance_request.beneficiary_id,
        assistance_request=assistance_request,
        reason=reason,
        changes=changes or {},
    )


def is_leader(user, team):
    return user is not None and team.leader_id == user.pk


def is_member_of(user, assignment):
    return assignment.members.filter(user=user).exists()


def is_case_worker_for(user, assistance_request):
    return (
        CASE_WORKER in roles_of(user)
        and assistance_requests_visible_to(user).filter(pk=assistance_request.pk).exists()
    )


def require_leader(user, team):
    if not is_leader(user, team):
        raise DomainError(_("Only the team's leader can do that."), code="forbidden")


def require_open(assignment):
    if assignment.status != assignment.Status.OPEN:
        raise DomainError(
            _("This assignment is %(status)s; that is not possible now.")
            % {"status": assignment.get_status_display()},
            code="wrong_status",
        )


def require_text(value, field):
    if not (value or "").strip():
        raise DomainError(_("This field is required."), field=field, code="required")
    return value.strip()


def decimal_of(value, field, *, minimum=Decimal("0"), maximum=None, message=None):
    try:
        value = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(message or _("Enter a number."), field=field) from None
    if not value.is_finite() or value < minimum or (maximum is not None and value > maximum):
        raise DomainError(message or _("Enter a number in the allowed range."), field=field)
    return value


def not_future(day, field):
    if day > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field=field)
    return day


def is_money_in_lieu(assistance_request):
    return (
        assistance_request.kind == "farming_help"
        and assistance_request.farming_help.mode == "money"
    )
