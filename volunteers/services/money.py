"""以资代劳: payments in lieu of labour and the household's acknowledgement."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from cases.errors import DomainError
from cases.models import FINISHED

from ..models import MoneyInLieuPayment
from .common import (
    decimal_of,
    is_case_worker_for,
    is_leader,
    is_money_in_lieu,
    not_future,
    record_event,
    require_text,
)
from .offers import current_assignment


def _may_record(user, assistance_request):
    assignment = current_assignment(assistance_request)
    return (assignment is not None and is_leader(user, assignment.team)) or is_case_worker_for(
        user, assistance_request
    )


def paid_total(assistance_request):
    total = assistance_request.money_payments.aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0")


def payments_problem(assistance_request, *, require_acknowledged=True):
    """Why a money-in-lieu request cannot move on (no payment, or one not acknowledged)."""
    payments = list(assistance_request.money_payments.all())
    if not payments:
        return _("No money-in-lieu payment has been recorded.")
    if require_acknowledged:
        missing = [p.receipt_number for p in payments if not p.is_acknowledged]
        if missing:
            return _("The household has not acknowledged receipt %(receipts)s.") % {
                "receipts": "、".join(missing)
            }
    return ""


@transaction.atomic
def record_payment(*, by, assistance_request, amount, paying_unit, paid_on, receipt_number):
    """A payment in lieu of labour: never more, in all, than the approved amount."""
    if not is_money_in_lieu(assistance_request):
        raise DomainError(_("This request is not help paid in lieu of labour."))
    if assistance_request.status in FINISHED or assistance_request.status not in (
        "in_delivery",
        "follow_up",
        "to_close",
    ):
        raise DomainError(_("Payments are recorded once a team has taken the request on."))
    if not _may_record(by, assistance_request):
        raise DomainError(_("You cannot record payments for this request."), code="forbidden")
    amount = decimal_of(
        amount, "amount", minimum=Decimal("0.01"), message=_("Enter an amount above zero.")
    )
    approved = assistance_request.amount
    already = paid_total(assistance_request)
    if already + amount > approved:
        raise DomainError(
            _("Above the approved amount: ¥%(approved)s approved, ¥%(paid)s already paid.")
            % {"approved": approved, "paid": already},
            field="amount",
            code="over_approved",
        )
    paying_unit = require_text(paying_unit, "paying_unit")[:100]
    receipt_number = require_text(receipt_number, "receipt_number")[:40]
    not_future(paid_on, "paid_on")
    if MoneyInLieuPayment.objects.filter(
        paying_unit=paying_unit, receipt_number=receipt_number
    ).exists():
        raise DomainError(
            _("This unit already recorded receipt %(receipt)s.") % {"receipt": receipt_number},
            field="receipt_number",
        )
    payment = MoneyInLieuPayment.objects.create(
        assistance_request=assistance_request,
        amount=amount,
        paying_unit=paying_unit,
        paid_on=paid_on,
        receipt_number=receipt_number,
        recorded_by=by,
    )
    record_event(
        "payment.recorded",
        by=by,
        target=payment,
        assistance_request=assistance_request,
        changes={
            "amount": [None, str(amount)],
            "paying_unit": [None, paying_unit],
            "receipt_number": [None, receipt_number],
            "paid_on": [None, paid_on.isoformat()],
        },
    )
    return payment


@transaction.atomic
def acknowledge_payment(*, by, payment, acknowledged_by_name, acknowledged_on):
    """签收: the household member who acknowledged receipt, and the day."""
    assistance_request = payment.assistance_request
    if assistance_request.status in FINISHED:
        raise DomainError(_("This request is already finished."), code="wrong_status")
    if not _may_record(by, assistance_request):
        raise DomainError(_("You cannot record this acknowledgement."), code="forbidden")
    if payment.is_acknowledged:
        raise DomainError(_("This payment is already acknowledged."), code="wrong_status")
    name = require_text(acknowledged_by_name, "acknowledged_by_name")[:50]
    not_future(acknowledged_on, "acknowledged_on")
    if acknowledged_on < payment.paid_on:
        raise DomainError(
            _("Receipt cannot be acknowledged before payment."), field="acknowledged_on"
        )
    payment.acknowledged_by_name, payment.acknowledged_on = name, acknowledged_on
    payment.acknowledgement_recorded_by = by
    payment.save(
        update_fields=["acknowledged_by_name", "acknowledged_on", "acknowledgement_recorded_by"]
    )
    record_event(
        "payment.acknowledged",
        by=by,
        target=payment,
        assistance_request=assistance_request,
        changes={
            "acknowledged_by_name": ["", name],
            "acknowledged_on": [None, str(acknowledged_on)],
        },
    )
    return payment
