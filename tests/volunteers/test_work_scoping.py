"""A volunteer of another team sees nothing of team A's work; staff of town B neither."""

import pytest
from django.urls import reverse

from cases.roles import VOLUNTEER
from tests.cases.factories import UserFactory
from tests.volunteers import work
from tests.volunteers.factories import VolunteerFactory
from volunteers.models import Pairing

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_a_work(farming_job, member, volunteer):
    ar, assignment = farming_job()
    record = work.log(assignment, by=volunteer, volunteer=member, photos=[work.image_file()])
    return ar, assignment, record


@pytest.fixture
def other_volunteer(areas, team_b):
    user = UserFactory(username="volunteer_b", role=VOLUNTEER, areas=[areas.town_b])
    VolunteerFactory(user=user, name="乙队志愿者", areas=[areas.town_b], teams=[team_b])
    return user


@pytest.mark.parametrize("persona", ["other_volunteer", "case_worker_b"])
def test_outsiders_see_nothing(team_a_work, client_for, persona, request, beneficiary):
    ar, assignment, record = team_a_work
    client = client_for(request.getfixturevalue(persona))
    page = client.get(reverse("teams:work:index"))
    assert page.status_code == 200 and beneficiary.name not in page.content.decode()
    for name, pk in [
        ("teams:work:assignment", assignment.pk),
        ("teams:work:log", assignment.pk),
        ("teams:work:members", assignment.pk),
        ("teams:work:payment", assignment.pk),
        ("teams:work:confirm", record.pk),
        ("teams:work:evidence", record.evidence.get().pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    assert client.post(reverse("teams:work:confirm", args=[record.pk]), {}).status_code == 404
    report = client.get(reverse("teams:hours:index"), {"start": "2020-01-01", "end": "2029-12-31"})
    assert report.status_code == 200 and report.context["report"]["teams"] == []
    assert client.get(reverse("casework:assistancerequest:detail", args=[ar.pk])).status_code in (
        403,
        404,
    )


def test_a_team_member_not_on_the_assignment_cannot_log(team_a_work, areas, team_a, client_for):
    _ar, assignment, _record = team_a_work
    user = UserFactory(username="volunteer_a2", role=VOLUNTEER, areas=[areas.town_a])
    VolunteerFactory(user=user, areas=[areas.town_a], teams=[team_a])
    client = client_for(user)
    assert client.get(reverse("teams:work:assignment", args=[assignment.pk])).status_code == 404


def test_pairing_handover_page_is_scoped(case_worker_b, client_for, team_a_work):
    assert not Pairing.objects.exists()
    assert (
        client_for(case_worker_b).get(reverse("teams:work:handover", args=[999])).status_code == 404
    )
