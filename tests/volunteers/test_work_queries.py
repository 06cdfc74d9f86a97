"""Query counts of the new lists hold at two data sizes."""

import pytest
from django.urls import reverse

from tests.helpers import LIST_PAGE_QUERY_LIMIT, assert_constant_queries, page_queries
from tests.volunteers import work

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow_work(farming_job, member, volunteer):
    def grow(n):
        for _ in range(n):
            _ar, assignment = farming_job()
            work.log(assignment, by=volunteer, volunteer=member, photos=[work.image_file()])

    return grow


@pytest.mark.parametrize("persona", ["volunteer", "team_leader"])
def test_my_assignments(client_for, grow_work, persona, request):
    user = request.getfixturevalue(persona)
    grow_work(3)
    count = assert_constant_queries(
        client_for(user), reverse("teams:work:index"), grow_work, small=3, large=8
    )
    print(f"my assignments as {persona}: {count} queries")


@pytest.mark.parametrize("persona", ["team_leader", "case_worker", "auditor"])
def test_hours_report_and_csv(client_for, grow_work, persona, request):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("teams:hours:index") + "?start=2020-01-01&end=2029-12-31"
    csv_url = reverse("teams:hours:csv") + "?start=2020-01-01&end=2029-12-31"
    grow_work(2)
    client.get(url)
    small, response = page_queries(client, url)
    assert response.context["report"]["teams"][0]["records"] == 2
    small_csv, _ = page_queries(client, csv_url)
    grow_work(4)
    large, response = page_queries(client, url)
    assert response.context["report"]["teams"][0]["records"] == 6
    large_csv, csv_response = page_queries(client, csv_url)
    assert small == large <= LIST_PAGE_QUERY_LIMIT
    assert small_csv == large_csv <= LIST_PAGE_QUERY_LIMIT
    body = csv_response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("level,team,volunteer")
    print(f"hours report as {persona}: {large} queries, csv {large_csv}")


def test_assignment_page_queries_do_not_grow_with_records(
    client_for, farming_job, member, volunteer
):
    _ar, assignment = farming_job()
    client = client_for(volunteer)
    url = reverse("teams:work:assignment", args=[assignment.pk])
    work.log(assignment, by=volunteer, volunteer=member, photos=[work.image_file()])
    client.get(url)
    small, _ = page_queries(client, url)
    for _ in range(4):
        work.log(assignment, by=volunteer, volunteer=member, photos=[work.image_file()])
    large, _ = page_queries(client, url)
    assert small == large
    print(f"assignment page: {large} queries")
