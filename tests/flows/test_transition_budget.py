"""SQL statements per transition through flows.runner: within the budget of 30
(docs/performance.md). test_transition_queries.py counts the task-page POSTs; this pins the
budget itself, step by step, for the happy path of each kind.

The one exception is accepting a one-on-one offer, which also opens the pairing and arms its
visit timer (a parallel branch of the flow): pinned at its own, higher figure.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.loadgen import lifecycle
from cases.models import Kind, Status

pytestmark = pytest.mark.django_db

BUDGET = 30
EXCEPTIONS = {(Kind.ONE_ON_ONE, "accept"): 40}


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
    over = {
        name: count
        for name, count in counts.items()
        if count > EXCEPTIONS.get((kind, name), BUDGET)
    }
    assert not over, f"{kind}: {over} (all: {counts})"
