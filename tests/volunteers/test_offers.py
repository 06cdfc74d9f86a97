"""Offers to a team: accept, decline with a reason back to the dispatcher, expiry by timer."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import CaseEvent, Dispatch, Notification, Status
from flows import runner
from tests.flows import factories as f
from tests.volunteers import work
from volunteers.models import Assignment, VolunteerSettings

pytestmark = pytest.mark.django_db


def run_timers_at(moment, capture):
    with mock.patch("django.utils.timezone.now", return_value=moment), capture(execute=True):
        call_command("workflow_timers")


@pytest.fixture
def offered(case_worker, approver, beneficiary, team_a):
    ar = work.approved(
        work.FARMING, case_worker=case_worker, approver=approver, beneficiary=beneficiary
    )
    f.dispatch(ar, by=case_worker, team=team_a)
    return ar


def test_accept_opens_the_assignment(offered, team_leader):
    assignment = Assignment.objects.get(assistance_request=offered)
    assert assignment.status == Assignment.Status.OFFERED and assignment.expires_at
    f.accept(offered, by=team_leader)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.OPEN and assignment.accepted_at


def test_decline_goes_back_to_the_dispatcher_with_the_reason(
    offered, team_leader, case_worker, client_for
):
    f.accept(offered, by=team_leader, accepted=False)
    assert offered.status == Status.APPROVED
    assert Assignment.objects.get(assistance_request=offered).status == "declined"
    task = runner.open_task(offered, "dispatch")
    assert task.owner == case_worker
    page = client_for(case_worker).get(
        task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    )
    assert "人手不足" in page.content.decode()  # on the case card and in the ranking


def test_decline_without_reason_is_a_field_error(offered, team_leader, client_for):
    task = runner.open_task(offered, "accept")
    client = client_for(team_leader)
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    response = client.post(
        task.flow_task.reverse("execute", args=[task.process_id, task.pk]),
        {"accepted": "no", "reason": " "},
    )
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    offered.refresh_from_db()
    assert offered.status == Status.DISPATCHED


def test_unanswered_offer_expires_and_returns_to_the_dispatcher(
    offered, case_worker, team_leader, django_capture_on_commit_callbacks
):
    now = timezone.now()
    run_timers_at(now + timedelta(hours=47), django_capture_on_commit_callbacks)
    offered.refresh_from_db()
    assert offered.status == Status.DISPATCHED  # a reminder at 24 h, no expiry yet
    assert Notification.objects.filter(user=team_leader, kind="task.reminded").exists()
    run_timers_at(now + timedelta(hours=48, minutes=5), django_capture_on_commit_callbacks)
    offered.refresh_from_db()
    assert offered.status == Status.APPROVED
    assert Assignment.objects.get(assistance_request=offered).status == "expired"
    dispatch = Dispatch.objects.get(assistance_request=offered)
    assert dispatch.accepted is False and "48" in dispatch.decline_reason
    assert runner.open_task(offered).flow_task.name == "dispatch"
    assert Notification.objects.filter(user=case_worker, kind="dispatch.expired").exists()
    assert CaseEvent.objects.filter(
        assistance_request=offered, kind="request.offer_expired"
    ).exists()
    # The dispatcher can offer it again, and the new offer can be accepted.
    f.dispatch(offered, by=case_worker, team=dispatch.team)
    f.accept(offered, by=team_leader)
    assert offered.status == Status.IN_DELIVERY


def test_expiry_hours_come_from_the_settings(
    case_worker, approver, beneficiary, team_a, django_capture_on_commit_callbacks
):
    VolunteerSettings.objects.create(offer_hours=4)
    ar = work.approved(
        work.FARMING, case_worker=case_worker, approver=approver, beneficiary=beneficiary
    )
    f.dispatch(ar, by=case_worker, team=team_a)
    run_timers_at(
        timezone.now() + timedelta(hours=4, minutes=1), django_capture_on_commit_callbacks
    )
    ar.refresh_from_db()
    assert ar.status == Status.APPROVED


def test_an_accepted_offer_never_expires(offered, team_leader, django_capture_on_commit_callbacks):
    f.accept(offered, by=team_leader)
    run_timers_at(timezone.now() + timedelta(days=5), django_capture_on_commit_callbacks)
    offered.refresh_from_db()
    assert offered.status == Status.IN_DELIVERY
    assert Assignment.objects.get(assistance_request=offered).status == "open"
