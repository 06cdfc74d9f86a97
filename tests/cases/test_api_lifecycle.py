"""Each kind of request from intake to close through the API alone (tokens, no pages)."""

import pytest

from cases.models import CaseEvent, Status
from tests.cases.api_support import (
    V1,
    api_client,
    beneficiary_in,
    complete,
    register,
    step_payloads,
)

pytestmark = pytest.mark.django_db

PATHS = {
    # (step, who) in order; the case worker registers and verifies, so later steps are theirs.
    "fee_waiver": [
        ("verify", "case_worker"), ("sign-off", "approver"), ("dispatch", "case_worker"),
        ("accept", "team_leader"), ("deliver", "team_leader"),
        ("file-with-court", "case_worker"), ("court-decision", "case_worker"),
        ("follow-up", "case_worker"), ("close", "case_worker"),
    ],
    "one_on_one": [
        ("verify", "case_worker"), ("sign-off", "approver"), ("sign-off", "leader"),
        ("dispatch", "case_worker"), ("accept", "team_leader"), ("deliver", "team_leader"),
        ("follow-up", "case_worker"), ("close", "case_worker"),
    ],
    "farming_help": [
        ("verify", "case_worker"), ("sign-off", "approver"), ("dispatch", "case_worker"),
        ("accept", "team_leader"), ("deliver", "team_leader"), ("follow-up", "case_worker"),
        ("close", "case_worker"),
    ],
}  # fmt: skip
OVERRIDES = {"one_on_one": {"funds_amount": "8000.00"}}  # above the threshold: two sign-offs


@pytest.mark.parametrize("kind", list(PATHS))
def test_lifecycle_through_the_api(kind, areas, case_worker, request, team_a):
    beneficiary = beneficiary_in(areas.village_a, case_worker)
    worker = api_client(case_worker)
    case = register(worker, kind, beneficiary, **OVERRIDES.get(kind, {}))
    assert case["status"] == Status.SUBMITTED
    payloads = step_payloads(team_a)
    for step, persona in PATHS[kind]:
        user = request.getfixturevalue(persona)
        done = complete(api_client(user), case["id"], step, payloads[step])
        # The answer is the step's result: the new status, the next task, the request's URL.
        assert done["assistance_request"] == case["id"]
        assert done["url"] == f"/api/v1/requests/{case['id']}/"
        detail = worker.get(done["url"]).json()
        assert (done["status"], done["open_tasks"]) == (detail["status"], detail["open_tasks"])
        assert len(done["open_tasks"]) == (0 if step == "close" else 1)
    assert done["status"] == Status.CLOSED
    case = worker.get(done["url"]).json()
    assert case["outcome"]["result"] == "solved"
    assert case["open_tasks"] == []
    timeline = worker.get(f"{V1}/requests/{case['id']}/timeline/").json()
    kinds = [event["kind"] for event in timeline["results"]]
    assert kinds[0] == "request.submitted" and kinds[-1] == "request.closed"
    assert CaseEvent.objects.filter(assistance_request_id=case["id"]).count() == len(kinds)
