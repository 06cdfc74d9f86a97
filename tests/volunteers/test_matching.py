"""Suggesting teams: nearness, skills, capacity counted from open assignments, with reasons."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from tests.cases.factories import UserFactory
from tests.volunteers import work
from tests.volunteers.factories import TeamFactory, VolunteerFactory
from volunteers import matching
from volunteers.matching import Candidate
from volunteers.models import Assignment
from volunteers.selectors import team_candidates


def candidate(team_id, path, *, capacity=5, load=0, skilled=1, members=3, name=None, declined=""):
    return Candidate(
        team_id=team_id,
        name=name or f"team{team_id}",
        area_path=path,
        area_name=path.strip("/").rsplit("/", 1)[-1],
        capacity=capacity,
        load=load,
        members=members,
        skilled=skilled,
        declined=declined,
    )


VILLAGE = "/330188/330188001/330188001001/"


def test_nearness_tiers():
    assert matching.nearness(VILLAGE, "/330188/330188001/330188001001/") == matching.SAME_VILLAGE
    assert matching.nearness(VILLAGE, "/330188/330188001/") == matching.SAME_TOWN
    assert matching.nearness(VILLAGE, "/330188/330188001/330188001002/") == matching.SAME_TOWN
    assert matching.nearness(VILLAGE, "/330188/330188002/") == matching.SAME_COUNTY
    assert matching.nearness(VILLAGE, "/330199/") == matching.FARTHER


@translation.override("en")
def test_village_before_town_before_county_then_skills_then_capacity():
    ranked = matching.rank(
        VILLAGE,
        [
            candidate(1, "/330188/330188002/", skilled=5),
            candidate(2, "/330188/330188001/", skilled=1),
            candidate(3, "/330188/330188001/330188001001/", skilled=0),
            candidate(4, "/330188/330188001/", skilled=3, capacity=5, load=4),
            candidate(5, "/330188/330188001/", skilled=3, capacity=5, load=1),
        ],
        skills_label="farming",
    )
    assert [r.team_id for r in ranked] == [3, 5, 4, 2, 1]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    assert ranked[0].reasons[0] == "same village (330188001001)"
    assert ranked[1].reasons == [
        "same town (330188001)",
        "3 of 3 members do farming",
        "capacity 5, 1 taken in this window, 4 free",
    ]


def test_full_or_declined_teams_go_last_with_the_reason():
    ranked = matching.rank(
        VILLAGE,
        [
            candidate(1, VILLAGE, capacity=2, load=2),
            candidate(2, VILLAGE, declined="人手不足"),
            candidate(3, "/330188/330188002/"),
        ],
    )
    # Both go after the team that can take it; between them, free capacity decides.
    assert [r.team_id for r in ranked] == [3, 2, 1]
    assert ranked[2].remaining == 0
    assert any("人手不足" in reason for reason in ranked[1].reasons)


@pytest.mark.django_db
def test_capacity_counts_open_and_offered_assignments_in_the_window(
    areas, case_worker, approver, beneficiary, team_a, team_leader
):
    VolunteerFactory(areas=[areas.town_a], teams=[team_a], skills=["farming"])
    VolunteerFactory(areas=[areas.town_a], teams=[team_a], skills=["legal"])
    window = work.farming_window_now()
    ar = work.approved(
        work.FARMING,
        case_worker=case_worker,
        approver=approver,
        beneficiary=beneficiary,
        **window,
    )
    # Another request's accepted work in the same window counts; a finished one and one
    # outside the window do not.
    other, _assignment = work.accepted(
        work.FARMING,
        case_worker=case_worker,
        approver=approver,
        beneficiary=beneficiary,
        team=team_a,
        **window,
    )
    Assignment.objects.create(
        assistance_request=other,
        team=team_a,
        status=Assignment.Status.DONE,
        starts_on=window["window_start"],
        ends_on=window["window_end"],
    )
    Assignment.objects.create(
        assistance_request=other,
        team=team_a,
        status=Assignment.Status.OPEN,
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 2, 1),
    )
    far_team = TeamFactory(area=areas.town_b, leader=UserFactory(role="team_leader"))
    candidates, label = team_candidates(approver, ar)
    by_id = {c.team_id: c for c in candidates}
    assert by_id[team_a.pk].load == 1
    assert by_id[team_a.pk].members == 2 and by_id[team_a.pk].skilled == 1
    assert by_id[far_team.pk].load == 0
    ranked = matching.rank(ar.area.path, candidates, skills_label=label)
    assert ranked[0].team_id == team_a.pk  # same town beats another town
    assert ranked[0].remaining == team_a.capacity - 1
    assert window["window_end"] > window["window_start"] - timedelta(days=1)


@pytest.mark.django_db
def test_dispatch_page_shows_the_ranking_and_reasons(
    client_for, areas, case_worker, approver, beneficiary, team_a, team_b
):
    from flows import runner

    ar = work.approved(
        work.FARMING, case_worker=case_worker, approver=approver, beneficiary=beneficiary
    )
    task = runner.open_task(ar, "dispatch")
    client = client_for(case_worker)
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    page = client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "ranking-entry" in body and team_a.name in body
    assert page.context["ranking"][0].team_id == team_a.pk
