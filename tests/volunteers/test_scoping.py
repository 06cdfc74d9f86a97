"""Who sees which teams, volunteers and memberships, through the real pages."""

import pytest
from django.urls import reverse

from tests.helpers import fail_on_unordered_pages
from tests.volunteers.factories import MembershipFactory, TeamFactory, VolunteerFactory

pytestmark = [pytest.mark.django_db, fail_on_unordered_pages]


@pytest.fixture
def layout(areas, team_a, team_b, volunteer):
    """team_a (town A, led by team_leader, with `volunteer`) and team_b (town B)."""
    member_b = VolunteerFactory(name="乙镇志愿者", areas=[areas.town_b], teams=[team_b])
    return {"member_b": member_b, "member_a": volunteer.volunteer}


def page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_case_worker_of_b_sees_only_town_b_teams(client_for, case_worker_b, team_a, team_b, layout):
    client = client_for(case_worker_b)
    teams = page(client, "teams:team:index")
    assert team_b.name in teams
    assert team_a.name not in teams
    assert client.get(reverse("teams:team:detail", args=[team_a.pk])).status_code == 404
    volunteers = page(client, "teams:volunteer:index")
    assert "乙镇志愿者" in volunteers
    assert layout["member_a"].name not in volunteers


def test_team_leader_sees_the_team_they_lead(client_for, team_leader, team_a, team_b, layout):
    client = client_for(team_leader)
    teams = page(client, "teams:team:index")
    assert team_a.name in teams
    assert team_b.name not in teams
    memberships = page(client, "teams:membership:index")
    assert layout["member_a"].name in memberships
    assert "乙镇志愿者" not in memberships


def test_volunteer_sees_their_own_team_only(client_for, volunteer, team_a, team_b, layout):
    client = client_for(volunteer)
    teams = page(client, "teams:team:index")
    assert team_a.name in teams
    assert team_b.name not in teams
    assert client.get(reverse("teams:team:detail", args=[team_b.pk])).status_code == 404


def test_volunteer_cannot_add_members(client_for, volunteer, team_a):
    client = client_for(volunteer)
    assert client.get(reverse("teams:membership:add")).status_code == 403


def test_team_leader_cannot_enrol_into_a_team_they_cannot_see(
    client_for, team_leader, team_b, areas
):
    someone = VolunteerFactory(areas=[areas.town_a])
    response = client_for(team_leader).post(
        reverse("teams:membership:add"),
        {"team": team_b.pk, "volunteer": someone.pk, "role": "member"},
    )
    assert response.status_code == 200
    assert "team" in response.context["form"].errors
    assert not team_b.membership_set.filter(volunteer=someone).exists()


def test_membership_factory_and_auditor_see_everything(client_for, auditor, areas):
    membership = MembershipFactory(team=TeamFactory(area=areas.village_b2))
    memberships = page(client_for(auditor), "teams:membership:index")
    assert membership.volunteer.name in memberships
    assert membership.team.name in memberships
