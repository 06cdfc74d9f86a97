"""The access matrix: every endpoint × every persona → the status the API must answer.

One table drives it. Personas (tests/conftest.py): the case worker of town A (where the data
is), the case worker of town B (must not even learn it exists: 404), the county's approver
and leader, the auditor (reads everything, changes nothing), team A's leader and a member
of it, and anonymous (401). Roles are checked before rows, so a role that may never call
an endpoint gets 403 even for rows it cannot see.
"""

import pytest
from viewflow.workflow.status import STATUS

from tests.cases.api_support import (
    V1,
    api_client,
    beneficiary_in,
    intake_payload,
    step_payloads,
)
from tests.cases.factories import make_id_number
from tests.flows import factories as flow

pytestmark = pytest.mark.django_db

PERSONAS = [
    "case_worker", "case_worker_b", "approver", "leader", "auditor", "team_leader",
    "volunteer", "anonymous",
]  # fmt: skip

# method, path, stage of the request it needs (or None), body name (or None), expected
# statuses in PERSONAS order.
MATRIX = [
    ("GET", "/areas/", None, None, "200 200 200 200 200 403 403 401"),
    ("GET", "/areas/{village}/", None, None, "200 404 200 200 200 403 403 401"),
    ("GET", "/beneficiaries/", None, None, "200 200 200 200 200 403 403 401"),
    ("GET", "/beneficiaries/{beneficiary}/", None, None, "200 404 200 200 200 403 403 401"),
    ("POST", "/beneficiaries/", None, "beneficiary", "201 400 403 403 403 403 403 401"),
    ("PATCH", "/beneficiaries/{beneficiary}/", None, "patch", "200 404 403 403 403 403 403 401"),
    ("POST", "/beneficiaries/find-by-id-number/", None, "lookup", "200 200 200 200 200 403 403 401"),
    ("GET", "/requests/", None, None, "200 200 200 200 200 200 403 401"),
    ("POST", "/requests/fee-waiver/", None, "fee_waiver", "201 400 403 403 403 403 403 401"),
    ("POST", "/requests/one-on-one/", None, "one_on_one", "201 400 403 403 403 403 403 401"),
    ("POST", "/requests/farming-help/", None, "farming_help", "201 400 403 403 403 403 403 401"),
    ("GET", "/requests/{request}/", "verify", None, "200 404 200 200 200 404 403 401"),
    ("GET", "/requests/{request}/timeline/", "verify", None, "200 404 200 200 200 403 403 401"),
    ("GET", "/requests/{request}/documents/", "verify", None, "200 404 200 200 200 404 403 401"),
    ("POST", "/requests/{request}/withdraw/", "verify", "reason", "200 404 403 403 403 403 403 401"),
    ("POST", "/requests/{request}/cancel/", "verify", "reason", "403 403 403 200 403 403 403 401"),
    ("GET", "/tasks/", None, None, "200 200 200 200 200 200 200 401"),
    ("GET", "/tasks/queue/", None, None, "200 200 200 200 200 200 200 401"),
    ("GET", "/tasks/{task}/", "verify", None, "200 404 200 200 200 404 404 401"),
    ("POST", "/tasks/{task}/claim/", "verify", None, "200 404 403 403 403 404 404 401"),
    ("POST", "/tasks/{task}/complete/verify/", "verify", "verify", "200 404 403 403 403 404 404 401"),
    ("POST", "/tasks/{task}/complete/sign-off/", "sign_off_first", "sign-off", "403 404 200 200 403 404 404 401"),
    ("POST", "/tasks/{task}/unclaim/", "dispatch", None, "200 404 403 403 403 404 404 401"),
    ("POST", "/tasks/{task}/complete/dispatch/", "dispatch", "dispatch", "200 404 403 403 403 404 404 401"),
    ("POST", "/tasks/{task}/complete/accept/", "accept", "accept", "403 404 403 403 403 200 403 401"),
    ("GET", "/teams/", None, None, "200 200 200 200 200 200 200 401"),
    ("GET", "/teams/{team}/", None, None, "200 404 200 200 200 200 200 401"),
    ("GET", "/volunteers/", None, None, "200 200 200 200 200 200 200 401"),
    ("GET", "/volunteers/{volunteer}/", None, None, "200 404 200 200 200 200 200 401"),
    ("GET", "/memberships/", None, None, "200 200 200 200 200 200 403 401"),
    ("GET", "/memberships/{membership}/", None, None, "200 404 200 200 200 200 403 401"),
    ("GET", "/assignments/", None, None, "200 200 200 200 200 200 200 401"),
    ("GET", "/assignments/{assignment}/", "accept", None, "200 404 200 200 200 200 404 401"),
    ("GET", "/activity-records/", None, None, "200 200 200 200 200 200 200 401"),
]  # fmt: skip

CELLS = [
    pytest.param(method, path, stage, body, persona, int(code), id=f"{method} {path} {persona}")
    for method, path, stage, body, expected in MATRIX
    for persona, code in zip(PERSONAS, expected.split(), strict=True)
]


def _bring_to(stage, assistance_request, *, case_worker, approver, team):
    """Drive the request (registered by the case worker) to the open task of `stage`."""
    if stage == "verify":
        return
    flow.verify(assistance_request, by=case_worker)
    if stage == "sign_off_first":
        return
    flow.sign(assistance_request, by=approver)
    if stage == "dispatch":
        return
    flow.dispatch(assistance_request, by=case_worker, team=team)


def _bodies(world):
    beneficiary_body = {
        "id_number": make_id_number(world.village.code, sequence=777),
        "name": "张三",
        "gender": "M",
        "phone": "13800000000",
        "area": world.village.pk,
        "address": "人民路1号",
        "category": "retired_soldier",
        "household_size": 2,
    }
    bodies = {
        "beneficiary": beneficiary_body,
        "patch": {"phone": "13900000000", "reason": "电话变更"},
        "lookup": {"id_number": world.beneficiary.reveal_id_number()},
        "reason": {"reason": "申请人撤回"},
        **step_payloads(world.team),
    }
    for kind in ("fee_waiver", "one_on_one", "farming_help"):
        bodies[kind] = intake_payload(kind, world.beneficiary)
    return bodies


@pytest.fixture
def world(request, areas, case_worker, approver, team_a, volunteer):
    from types import SimpleNamespace

    from volunteers.models import Membership

    beneficiary = beneficiary_in(areas.village_a, case_worker)
    membership = Membership.objects.get(volunteer__user=volunteer)
    return SimpleNamespace(
        village=areas.village_a,
        beneficiary=beneficiary,
        team=team_a,
        volunteer=membership.volunteer,
        membership=membership,
    )


@pytest.mark.parametrize("method, path, stage, body, persona, expected", CELLS)
def test_access(method, path, stage, body, persona, expected, world, request):
    users = {p: request.getfixturevalue(p) for p in PERSONAS if p != "anonymous"}
    ids = {
        "village": world.village.pk,
        "beneficiary": world.beneficiary.pk,
        "team": world.team.pk,
        "volunteer": world.volunteer.pk,
        "membership": world.membership.pk,
    }
    if stage:
        assistance_request = flow.submit(
            "fee_waiver", by=users["case_worker"], beneficiary=world.beneficiary
        )
        _bring_to(
            stage,
            assistance_request,
            case_worker=users["case_worker"],
            approver=users["approver"],
            team=world.team,
        )
        ids["request"] = assistance_request.pk
        task = flow.runner.open_task(assistance_request)
        assert task.flow_task.name == stage
        ids["task"] = task.pk
        assignment = assistance_request.assignments.first()
        ids["assignment"] = assignment.pk if assignment else 0
    client = api_client(users.get(persona))
    data = _bodies(world)[body] if body else None
    response = getattr(client, method.lower())(V1 + path.format(**ids), data)
    assert response.status_code == expected, (persona, response.json())
    payload = response.json()
    if expected >= 400:
        assert set(payload) == {"code", "message", "fields"}, payload


def test_claim_takes_the_task(world, case_worker):
    assistance_request = flow.submit("fee_waiver", by=case_worker, beneficiary=world.beneficiary)
    task = flow.runner.open_task(assistance_request)
    response = api_client(case_worker).post(f"{V1}/tasks/{task.pk}/claim/")
    assert response.json()["owner"] == case_worker.pk
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED and task.owner == case_worker
    inbox = api_client(case_worker).get(f"{V1}/tasks/").json()["results"]
    assert [t["id"] for t in inbox] == [task.pk]
