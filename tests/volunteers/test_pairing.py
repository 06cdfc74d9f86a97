"""Pairings: a missed visit raises an alert through workflow_timers; handover keeps names."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases.errors import DomainError
from cases.models import CaseEvent, Notification, Status
from tests.cases.factories import UserFactory
from tests.flows import factories as f
from tests.volunteers import work
from tests.volunteers.factories import TeamFactory, VolunteerFactory
from volunteers import services
from volunteers.models import Pairing

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing_job(case_worker, approver, beneficiary, team_a, member):
    today = timezone.localdate()
    ar, assignment = work.accepted(
        work.ONE_ON_ONE,
        case_worker=case_worker,
        approver=approver,
        beneficiary=beneficiary,
        team=team_a,
        members=[member],
        term_start=today,
        term_end=today + timedelta(days=365),
        visit_interval_days=30,
        funds_amount=0,
        help_funds=False,
        help_labour=True,
    )
    return ar, assignment, Pairing.objects.get(assistance_request=ar)


def run_timers(days, capture):
    moment = timezone.now() + timedelta(days=days)
    with mock.patch("django.utils.timezone.now", return_value=moment), capture(execute=True):
        call_command("workflow_timers")


def alerts():
    return Notification.objects.filter(kind="pairing.visit_missed")


def test_pairing_starts_with_the_helper(pairing_job, member):
    _ar, _assignment, pairing = pairing_job
    assert pairing.helper == member and pairing.visit_interval_days == 30


def test_missed_visit_alerts_leader_and_case_worker_once(
    pairing_job, team_leader, case_worker, django_capture_on_commit_callbacks, client_for
):
    ar, _assignment, _pairing = pairing_job
    run_timers(30 + 7 - 1, django_capture_on_commit_callbacks)  # still within grace
    assert not alerts().exists()
    run_timers(30 + 7 + 1, django_capture_on_commit_callbacks)
    assert set(alerts().values_list("user", flat=True)) == {team_leader.pk, case_worker.pk}
    assert CaseEvent.objects.filter(assistance_request=ar, kind="pairing.visit_missed").exists()
    run_timers(30 + 7 + 2, django_capture_on_commit_callbacks)
    assert alerts().count() == 2  # once per due date
    inbox = client_for(team_leader).get(reverse("casework:notifications"))
    assert ar.beneficiary.name in inbox.content.decode()


def test_a_visit_in_time_means_no_alert(
    pairing_job, volunteer, member, django_capture_on_commit_callbacks
):
    _ar, assignment, pairing = pairing_job
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=25)):
        work.log(assignment, by=volunteer, volunteer=member, work_done="走访")
    pairing.refresh_from_db()
    assert pairing.last_visit_on is not None
    run_timers(38, django_capture_on_commit_callbacks)
    assert not alerts().exists()
    run_timers(25 + 38, django_capture_on_commit_callbacks)
    assert alerts().exists()


def test_handover_to_another_member_keeps_both_names(pairing_job, team_leader, team_a, member):
    ar, assignment, pairing = pairing_job
    newcomer = VolunteerFactory(name="新志愿者", teams=[team_a])
    with pytest.raises(DomainError):
        services.hand_over_pairing(by=team_leader, pairing=pairing, to_helper=newcomer, reason=" ")
    handover = services.hand_over_pairing(
        by=team_leader, pairing=pairing, to_helper=newcomer, reason="原帮扶人外出务工"
    )
    pairing.refresh_from_db()
    assert pairing.helper == newcomer
    assert (handover.from_helper_name, handover.to_helper_name) == (member.name, "新志愿者")
    assert pairing.handovers.get().from_helper_name == member.name


def test_handover_to_another_team_moves_the_delivery_step(
    pairing_job, team_leader, areas, case_worker, client_for
):
    ar, old_assignment, pairing = pairing_job
    other_leader = UserFactory(role="team_leader", areas=[areas.town_a])
    other_team = TeamFactory(area=areas.town_a, leader=other_leader)
    helper = VolunteerFactory(name="接手人", teams=[other_team])
    # A team leader sees only their own team; the case worker moves the pairing across teams.
    response = client_for(case_worker).post(
        reverse("teams:work:handover", args=[pairing.pk]),
        {"to_team": other_team.pk, "to_helper": helper.pk, "reason": "队员调离"},
    )
    assert response.status_code == 302
    pairing.refresh_from_db()
    old_assignment.refresh_from_db()
    assert pairing.team == other_team and old_assignment.status == "handed_over"
    f.deliver(ar, by=other_leader)
    assert ar.status == Status.FOLLOW_UP
    f.follow_up(ar, by=case_worker)
    f.close(ar, by=case_worker)
    assert ar.process.status == PROCESS.DONE  # the visit timer stopped with the process
