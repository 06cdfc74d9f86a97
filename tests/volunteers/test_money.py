"""以资代劳: amounts never above the approved amount; no close without acknowledgement."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.errors import DomainError
from cases.models import FarmingMode, Status
from tests.flows import factories as f
from tests.volunteers import work
from volunteers import services
from volunteers.models import MoneyInLieuPayment

pytestmark = pytest.mark.django_db


@pytest.fixture
def money_job(case_worker, approver, beneficiary, team_a):
    return work.accepted(
        work.FARMING,
        case_worker=case_worker,
        approver=approver,
        beneficiary=beneficiary,
        team=team_a,
        mode=FarmingMode.MONEY,
        money_amount=Decimal("800"),
    )


def pay(ar, by, amount, receipt="NO.001", unit="南门村委会", day=None):
    return services.record_payment(
        by=by,
        assistance_request=ar,
        amount=amount,
        paying_unit=unit,
        paid_on=day or timezone.localdate(),
        receipt_number=receipt,
    )


@pytest.mark.parametrize("amount", ["0", "-5", "800.01", "abc", "NaN"])
def test_amount_limits(money_job, team_leader, amount):
    ar, _assignment = money_job
    with pytest.raises(DomainError) as error:
        pay(ar, team_leader, amount)
    assert error.value.field == "amount"
    assert not MoneyInLieuPayment.objects.exists()


def test_payments_add_up_to_at_most_the_approved_amount(money_job, team_leader):
    ar, _assignment = money_job
    pay(ar, team_leader, "500")
    with pytest.raises(DomainError) as error:
        pay(ar, team_leader, "300.01", receipt="NO.002")
    assert error.value.code == "over_approved"
    pay(ar, team_leader, "300", receipt="NO.002")
    with pytest.raises(DomainError):  # the same receipt twice
        pay(ar, team_leader, "0.01", receipt="NO.002")


def test_payment_page_field_errors(money_job, team_leader, client_for):
    _ar, assignment = money_job
    response = client_for(team_leader).post(
        reverse("teams:work:payment", args=[assignment.pk]),
        {"amount": "900", "paying_unit": "村委会", "paid_on": "2026-01-01", "receipt_number": "1"},
    )
    assert response.status_code == 200 and "amount" in response.context["form"].errors
    assert not MoneyInLieuPayment.objects.exists()


def test_no_close_without_the_households_acknowledgement(
    money_job, team_leader, case_worker, client_for
):
    ar, _assignment = money_job
    with pytest.raises(DomainError):  # no payment yet: the work is not done
        f.deliver(ar, by=team_leader)
    payment = pay(ar, team_leader, "800")
    f.deliver(ar, by=team_leader)
    f.follow_up(ar, by=case_worker)
    with pytest.raises(DomainError) as error:
        f.close(ar, by=case_worker)
    assert error.value.code == "unacknowledged"
    ar.refresh_from_db()
    assert ar.status == Status.TO_CLOSE
    with pytest.raises(DomainError):
        services.acknowledge_payment(
            by=team_leader,
            payment=payment,
            acknowledged_by_name="王秀英",
            acknowledged_on=payment.paid_on - timedelta(days=1),
        )
    response = client_for(case_worker).post(
        reverse("teams:work:acknowledge", args=[payment.pk]),
        {"acknowledged_by_name": "王秀英", "acknowledged_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    f.close(ar, by=case_worker)
    assert ar.status == Status.CLOSED
