"""SQL statements per transition through flows.runner: within the budget of 30
(docs/performance.md). test_transition_queries.py counts the task-page POSTs; this pins the
budget itself, step by step, for the happy path of each kind.

Accepting a one-on-one offer is the fullest step (it also opens the pairing and arms the
visit timer on a parallel branch of the flow); it is held to the same budget.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.loadgen import lifecycle
from cases.models import Kind, Status

pytestmark = pytest.mark.django_db

BUDGET = 30


@pytest.fixture
def people(case_worker, approver, leader, team_leader, team_a):
    return lifecycle.People(case_worker, approver, leader, team_leader, team_a)


@pytest.mark.parametrize("kind", list(Kind))
def test_each_transition_within_budget(kind, people, beneficiary):
    counts = {}
    with CaptureQueriesContext(connection) as captured:
        assistance_request = lifecycle.submit(kind, beneficiary, people)
    counts["submit"] = len(captured)
    for name, step in lifecycle.steps_of(kind):
        with CaptureQueriesContext(connection) as captured:
            step(assistance_request, people)
        counts[name] = len(captured)
    assert assistance_request.status == Status.CLOSED
    print(kind, counts)
    over = {name: count for name, count in counts.items() if count > BUDGET}
    assert not over, f"{kind}: {over} (all: {counts})"
