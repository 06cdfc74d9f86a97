"""Query counts of the team, volunteer and membership list pages hold at two data sizes."""

import pytest
from django.urls import reverse

from tests.cases.factories import UserFactory
from tests.helpers import assert_constant_queries, fail_on_unordered_pages
from tests.volunteers.factories import MembershipFactory, TeamFactory, VolunteerFactory
from volunteers.models import Skill

pytestmark = [pytest.mark.django_db, fail_on_unordered_pages]


@pytest.mark.parametrize("persona", ["case_worker", "team_leader", "auditor"])
def test_team_list(client_for, areas, persona, request):
    user = request.getfixturevalue(persona)

    def grow(n):
        for _ in range(n):
            # A team leader sees the teams they lead; others see the teams of their areas.
            leader = user if persona == "team_leader" else UserFactory(role="team_leader")
            TeamFactory(area=areas.village_a, leader=leader)

    grow(3)
    count = assert_constant_queries(client_for(user), reverse("teams:team:index"), grow)
    print(f"team list as {persona}: {count} queries")


@pytest.mark.parametrize("persona", ["case_worker", "team_leader", "auditor"])
def test_volunteer_list(client_for, areas, persona, request):
    user = request.getfixturevalue(persona)
    team = TeamFactory(area=areas.town_a, leader=user if persona == "team_leader" else None)

    def grow(n):
        for i in range(n):
            VolunteerFactory(
                areas=[areas.village_a], teams=[team], skills=list(Skill.values)[: i % 4 + 1]
            )

    grow(3)
    count = assert_constant_queries(client_for(user), reverse("teams:volunteer:index"), grow)
    print(f"volunteer list as {persona}: {count} queries")


@pytest.mark.parametrize("persona", ["case_worker", "team_leader", "auditor"])
def test_membership_list(client_for, areas, persona, request):
    user = request.getfixturevalue(persona)
    team = TeamFactory(area=areas.town_a, leader=user if persona == "team_leader" else None)

    def grow(n):
        for _ in range(n):
            MembershipFactory(team=team, volunteer=VolunteerFactory(areas=[areas.village_a]))

    grow(3)
    count = assert_constant_queries(client_for(user), reverse("teams:membership:index"), grow)
    print(f"membership list as {persona}: {count} queries")
