from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases import services
from cases.errors import DomainError
from cases.models import CaseEvent, Kind, Notification, Relief, Status
from flows import runner
from tests.flows import factories as f


def events(ar):
    return list(CaseEvent.objects.filter(assistance_request=ar).values_list("kind", flat=True))


@pytest.mark.parametrize("kind", [Kind.ONE_ON_ONE, Kind.FARMING_HELP])
def test_other_kinds_happy_path(kind, beneficiary, case_worker, approver, team_a, team_leader):
    ar = f.submit(kind, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    f.sign(ar, by=approver)
    f.dispatch(ar, by=case_worker, team=team_a)
    f.accept(ar, by=team_leader)
    f.deliver(ar, by=team_leader)
    assert ar.status == Status.FOLLOW_UP
    f.follow_up(ar, by=case_worker)
    f.close(ar, by=case_worker)
    assert ar.status == Status.CLOSED and ar.process.status == PROCESS.DONE


def test_exemption_needs_second_level_and_first_approver_cannot_give_it(
    beneficiary, case_worker, approver, leader, team_a
):
    ar = f.submit(
        Kind.FEE_WAIVER,
        by=case_worker,
        beneficiary=beneficiary,
        claim_type="pension",
        relief_sought=Relief.EXEMPT,
        reduction_percent=None,
    )
    assert ar.suggested_ground == "§45(2)"
    f.verify(ar, by=case_worker)
    f.sign(ar, by=leader)  # a leader may sign the first level too
    assert ar.status == Status.AWAITING_SECOND
    with pytest.raises(PermissionDenied):
        f.sign(ar, by=leader, level=2)
    with pytest.raises(DomainError):
        services.approve(by=leader, assistance_request=ar, level=2)
    other_leader = type(leader).objects.create(username="leader2")
    from django.contrib.auth.models import Group

    other_leader.groups.add(Group.objects.get(name="leader"))
    other_leader.areas.set(leader.areas.all())
    f.sign(ar, by=other_leader, level=2)
    assert ar.status == Status.APPROVED
    assert runner.open_task(ar).flow_task.name == "dispatch"


def test_threshold_amount_needs_second_level(beneficiary, case_worker, approver):
    ar = f.submit(
        Kind.ONE_ON_ONE, by=case_worker, beneficiary=beneficiary, funds_amount=Decimal("5000")
    )
    f.verify(ar, by=case_worker)
    f.sign(ar, by=approver)
    assert ar.needs_second_level and ar.status == Status.AWAITING_SECOND


def test_reject_ends_the_process(beneficiary, case_worker, approver):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    with pytest.raises(DomainError):
        services.reject(by=approver, assistance_request=ar, level=1, comment="  ")
    f.sign(ar, by=approver, decision="reject", comment="材料不实")
    assert ar.status == Status.REJECTED
    assert ar.process.status == PROCESS.DONE
    assert (
        CaseEvent.objects.get(assistance_request=ar, kind="request.rejected.level1").reason
        == "材料不实"
    )


def test_return_comes_back_to_the_same_approver(beneficiary, case_worker, approver):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    f.sign(ar, by=approver, decision="return", comment="请补充困难证明")
    assert ar.status == Status.RETURNED
    assert runner.open_task(ar).owner == case_worker
    f.answer(ar, by=case_worker)
    task = runner.open_task(ar, "sign_off_first")
    assert task.owner == approver
    f.sign(ar, by=approver)
    assert ar.status == Status.APPROVED
    assert "request.answered" in events(ar)


def test_four_eyes_registrar_and_verifier_cannot_approve(areas, beneficiary, case_worker, verifier):
    from django.contrib.auth.models import Group

    for user in (case_worker, verifier):
        user.groups.add(Group.objects.get(name="approver"))
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=verifier)
    for user in (case_worker, verifier):
        user = type(user).objects.get(pk=user.pk)
        with pytest.raises(PermissionDenied):
            f.sign(ar, by=user)
        with pytest.raises(DomainError):
            services.approve(by=user, assistance_request=ar, level=1)


def test_withdraw_before_the_approver_acts(beneficiary, case_worker, approver):
    ar = f.submit(Kind.FARMING_HELP, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    with pytest.raises(DomainError):
        runner.stop(by=approver, assistance_request=ar, reason="x", withdraw=True)
    runner.stop(by=case_worker, assistance_request=ar, reason="已自行解决", withdraw=True)
    ar.refresh_from_db()
    assert ar.status == Status.WITHDRAWN
    assert ar.process.status == PROCESS.CANCELED
    assert runner.open_task(ar) is None


def test_no_withdraw_after_a_decision_but_a_leader_can_cancel(
    beneficiary, case_worker, approver, leader
):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    f.sign(ar, by=approver, decision="return", comment="?")
    with pytest.raises(DomainError):
        runner.stop(by=case_worker, assistance_request=ar, reason="x", withdraw=True)
    with pytest.raises(DomainError):
        runner.stop(by=approver, assistance_request=ar, reason="x")
    with pytest.raises(DomainError):
        runner.stop(by=leader, assistance_request=ar, reason="")
    runner.stop(by=leader, assistance_request=ar, reason="对象已迁出")
    ar.refresh_from_db()
    assert ar.status == Status.CANCELLED and ar.process.status == PROCESS.CANCELED


def test_decline_goes_back_to_dispatch(beneficiary, case_worker, approver, team_a, team_leader):
    ar = f.submit(Kind.FARMING_HELP, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    f.sign(ar, by=approver)
    f.dispatch(ar, by=case_worker, team=team_a)
    f.accept(ar, by=team_leader, accepted=False)
    assert ar.status == Status.APPROVED
    assert runner.open_task(ar).flow_task.name == "dispatch"


def test_reminder_then_escalation_fired_by_workflow_timers(
    django_capture_on_commit_callbacks, beneficiary, case_worker, leader
):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("workflow_timers")
    assert not Notification.objects.exists()
    with (
        mock.patch("django.utils.timezone.now", return_value=now + timedelta(days=5, hours=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("workflow_timers")
    assert Notification.objects.filter(kind="task.reminded", user=case_worker).exists()
    assert not Notification.objects.filter(kind="task.escalated").exists()
    with (
        mock.patch("django.utils.timezone.now", return_value=now + timedelta(days=10, hours=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("workflow_timers")
    assert Notification.objects.filter(kind="task.escalated", user=leader).exists()
    assert {"task.reminded", "task.escalated"} <= set(events(ar))
    # The verification step is still open and can be done.
    f.verify(ar, by=case_worker)
    assert ar.status == Status.VERIFIED
