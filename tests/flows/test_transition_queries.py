"""SQL statements per transition: each flow driven through the task views by the test client.

Every task POST (taking it from the queue, and doing it) is counted; the table is written to
test-output/sql-per-transition-<kind>.txt. The ceiling only catches a query per row creeping
into a step (an N+1), it is not a target.
"""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Kind, Status
from flows import runner
from tests.flows import factories as f

OUTPUT = Path(__file__).resolve().parent.parent.parent / "test-output"
CEILING = 80


def steps(kind, team):
    today = timezone.localdate().isoformat()
    court = [
        (
            "file_with_court",
            "case_worker",
            {"filed_on": today, "case_number": "(2026)浙0188民初1号"},
        ),
        (
            "record_court_decision",
            "case_worker",
            {"decision": "granted", "relief_amount": "1000", "decided_on": today},
        ),
    ]
    return [
        ("verify", "case_worker", {
            "visit_date": today, "findings": "属实", "verified": "yes", "doc_0": "on",
        }),
        ("sign_off_first", "approver", {"decision": "approve", "comment": "同意"}),
        *([("sign_off_second", "leader", {"decision": "approve", "comment": "同意"})]
          if kind == Kind.FEE_WAIVER else []),
        ("dispatch", "case_worker", {"team": team.pk, "note": ""}),
        ("accept", "team_leader", {"accepted": "yes", "reason": ""}),
        ("deliver", "team_leader", {"delivered_on": today, "hours": "4", "work_done": "完成"}),
        *(court if kind == Kind.FEE_WAIVER else []),
        ("follow_up", "case_worker", {
            "done_on": today, "method": "phone", "findings": "满意", "satisfaction": "5",
        }),
        ("close", "case_worker", {
            "result": "solved", "amount_delivered": "1000", "summary": "已办结",
        }),
    ]  # fmt: skip


def counted(client, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data or {})
    assert response.status_code == 302, (url, response.status_code)
    return len(queries)


@pytest.mark.parametrize("kind", list(Kind))
def test_statements_per_transition(
    kind, beneficiary, case_worker, approver, leader, team_a, team_leader, client_for
):
    people = {
        "case_worker": case_worker,
        "approver": approver,
        "leader": leader,
        "team_leader": team_leader,
    }
    clients = {name: client_for(user) for name, user in people.items()}
    detail = {"relief_sought": "exempt", "claim_type": "pension", "reduction_percent": None}
    ar = f.submit(
        kind, by=case_worker, beneficiary=beneficiary, **(detail if kind == "fee_waiver" else {})
    )
    rows = []
    for node, who, data in steps(kind, team_a):
        task = runner.open_task(ar, node)
        args = [task.process_id, task.pk]
        assign = (
            counted(clients[who], task.flow_task.reverse("assign", args=args))
            if task.owner_id is None
            else None
        )
        execute = counted(clients[who], task.flow_task.reverse("execute", args=args), data)
        rows.append((node, assign, execute))
    ar.refresh_from_db()
    assert ar.status == Status.CLOSED

    lines = [f"{kind} on {connection.vendor}: statements per task POST", "step  assign  execute"]
    lines += [
        f"{node}  {assign if assign is not None else '-'}  {execute}"
        for node, assign, execute in rows
    ]
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / f"sql-per-transition-{kind}-{connection.vendor}.txt").write_text(
        "\n".join(lines) + "\n"
    )
    print("\n".join(lines))
    for node, assign, execute in rows:
        assert (assign or 0) < CEILING and execute < CEILING, (node, assign, execute)
