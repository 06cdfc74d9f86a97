"""Every API list answers in the same number of queries at two data sizes (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.api_support import V1, api_client, beneficiary_in
from tests.cases.factories import AreaFactory
from tests.flows import factories as flow
from tests.volunteers.factories import TeamFactory, VolunteerFactory

pytestmark = pytest.mark.django_db
LIMIT = 12


def count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.json()
    return len(captured.captured_queries), len(response.json()["results"])


def constant(client, url, grow, small=2, large=12):
    grow(small)
    client.get(url)  # warm per-process caches
    queries_small, rows_small = count(client, url)
    grow(large - small)
    queries_large, rows_large = count(client, url)
    assert rows_large > rows_small
    assert queries_small == queries_large, (url, queries_small, queries_large)
    assert queries_large <= LIMIT, (url, queries_large)
    print(f"{url}: {queries_large} queries at {rows_small} and {rows_large} rows")
    return queries_large


def test_areas(case_worker, areas):
    constant(
        api_client(case_worker),
        f"{V1}/areas/",
        lambda n: [AreaFactory(parent=areas.town_a) for _ in range(n)],
    )


def test_beneficiaries(case_worker, areas):
    constant(
        api_client(case_worker),
        f"{V1}/beneficiaries/",
        lambda n: [beneficiary_in(areas.village_a, case_worker) for _ in range(n)],
    )


@pytest.fixture
def submit_many(areas, case_worker):
    def grow(n):
        for _ in range(n):
            flow.submit(
                "fee_waiver",
                by=case_worker,
                beneficiary=beneficiary_in(areas.village_a, case_worker),
            )

    return grow


def test_requests(case_worker, submit_many):
    constant(api_client(case_worker), f"{V1}/requests/", submit_many)


def test_task_queue(case_worker, submit_many):
    constant(api_client(case_worker), f"{V1}/tasks/queue/", submit_many)


def test_task_inbox(case_worker, areas):
    from cases.models import AssistanceRequest

    def grow(n):
        before = set(AssistanceRequest.objects.values_list("pk", flat=True))
        for _ in range(n):
            flow.submit(
                "fee_waiver",
                by=case_worker,
                beneficiary=beneficiary_in(areas.village_a, case_worker),
            )
        for case in AssistanceRequest.objects.exclude(pk__in=before):
            task = flow.runner.open_task(case)
            flow.runner.claim(task, by=case_worker)

    constant(api_client(case_worker), f"{V1}/tasks/", grow)


def test_timeline(case_worker, areas):
    beneficiary = beneficiary_in(areas.village_a, case_worker)
    case = flow.submit("fee_waiver", by=case_worker, beneficiary=beneficiary)
    client = api_client(case_worker)

    def grow(n):
        from cases import audit

        for _ in range(n):  # events written the way services write them
            audit.record("request.noted", by=case_worker, target=case, assistance_request=case)

    constant(client, f"{V1}/requests/{case.pk}/timeline/", grow)


def test_teams(case_worker, areas):
    constant(
        api_client(case_worker),
        f"{V1}/teams/",
        lambda n: [TeamFactory(area=areas.town_a) for _ in range(n)],
    )


def test_volunteers(case_worker, areas, team_a):
    constant(
        api_client(case_worker),
        f"{V1}/volunteers/",
        lambda n: [VolunteerFactory(areas=[areas.town_a], teams=[team_a]) for _ in range(n)],
    )


def test_memberships(case_worker, areas, team_a):
    constant(
        api_client(case_worker),
        f"{V1}/memberships/",
        lambda n: [VolunteerFactory(areas=[areas.town_a], teams=[team_a]) for _ in range(n)],
    )


def test_assignments_and_activity_records(case_worker, approver, team_a, team_leader, areas):
    def grow(n):
        for _ in range(n):
            case = flow.submit(
                "farming_help",
                by=case_worker,
                beneficiary=beneficiary_in(areas.village_a, case_worker),
            )
            flow.verify(case, by=case_worker)
            flow.sign(case, by=approver)
            flow.dispatch(case, by=case_worker, team=team_a)
            flow.accept(case, by=team_leader)
            flow.deliver(case, by=team_leader)

    client = api_client(case_worker)
    constant(client, f"{V1}/assignments/", grow)
    constant(client, f"{V1}/activity-records/", grow, small=0, large=10)
