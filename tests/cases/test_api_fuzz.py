"""Schemathesis against /api/schema/, in-process through the WSGI app (no server).

Every operation gets up to MAX_EXAMPLES generated requests (plus the schema's own examples),
sent as a case worker with data present: requests in several states, open tasks, teams.
Half of the generated ids are swapped for real ones so the fuzzing reaches real rows and
real transitions. Checks: no 5xx, and every documented answer matches its schema.
"""

from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from project.wsgi import application
from tests.cases.api_support import api_client, beneficiary_in, register
from tests.flows import factories as flow

MAX_EXAMPLES = 20
CALLS = Counter()
CONFIG = SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
)


# Loaded when the module is collected: serving the schema reads no table.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)


@contextmanager
def test_connection_kept():
    """Calls go straight into the WSGI app, whose request signals close the database
    connection after each response, and the test's transaction lives on that connection.
    Django's test client unhooks the same handler around each of its calls (and hooks it
    back, so this wraps each call rather than the test)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_data(areas, case_worker, approver, leader, team_a, team_b, volunteer):
    """Requests of each kind at several steps, so tasks, decisions and dispatches exist."""
    client = api_client(case_worker)
    beneficiaries = [beneficiary_in(areas.village_a, case_worker) for _ in range(3)]
    ids = {"beneficiaries": [b.pk for b in beneficiaries], "requests": []}
    for kind, beneficiary in zip(
        ["fee_waiver", "one_on_one", "farming_help"], beneficiaries, strict=True
    ):
        ids["requests"].append(register(client, kind, beneficiary)["id"])
    from cases.models import AssistanceRequest

    verified = AssistanceRequest.objects.get(pk=ids["requests"][1])
    flow.verify(verified, by=case_worker)
    approved = AssistanceRequest.objects.get(pk=ids["requests"][2])
    flow.verify(approved, by=case_worker)
    flow.sign(approved, by=approver)
    from viewflow.workflow.models import Task

    ids["tasks"] = list(Task.objects.filter(flow_task_type="HUMAN").values_list("pk", flat=True))
    ids["areas"] = [areas.village_a.pk, areas.town_a.pk]
    ids["teams"] = [team_a.pk]
    from volunteers.models import Membership, Volunteer

    ids["volunteers"] = list(Volunteer.objects.values_list("pk", flat=True))
    ids["memberships"] = list(Membership.objects.values_list("pk", flat=True))
    return ids


def _real_ids(case, fuzz_data):
    """Swap every other generated id for a real one of the resource the path names."""
    value = case.path_parameters.get("id") if case.path_parameters else None
    if not isinstance(value, int) or value % 2:
        return
    resource = case.operation.path.split("/")[3]
    known = fuzz_data.get(resource)
    if known:
        case.path_parameters["id"] = known[value % len(known)]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_fuzz(case, fuzz_data, case_worker):
    _real_ids(case, fuzz_data)
    token = api_client(case_worker)._credentials["HTTP_AUTHORIZATION"]
    CALLS[f"{case.method} {case.operation.path}"] += 1
    with test_connection_kept():
        case.call_and_validate(
            headers={"Authorization": token},
            checks=[not_a_server_error, response_schema_conformance],
        )


def test_fuzz_reached_every_operation():
    """Runs after the fuzzing (same module, declared later): report what was fuzzed."""
    operations = {
        f"{method.upper()} {path}"
        for path, item in schema.raw_schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    if not CALLS:
        pytest.skip("the fuzz test did not run in this session")
    print(f"\nfuzzed {len(CALLS)} of {len(operations)} operations, {sum(CALLS.values())} examples")
    assert set(CALLS) == operations
