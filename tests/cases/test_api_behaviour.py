"""Idempotency keys, the error format, conflicts, tokens and the docs page."""

import threading

import pytest
from django.core.management import call_command
from django.db import close_old_connections
from rest_framework.authtoken.models import Token

from cases.models import AssistanceRequest, Beneficiary, CaseEvent, IdempotencyKey
from tests.cases.api_support import (
    V1,
    api_client,
    beneficiary_in,
    intake_payload,
    intake_url,
    step_payloads,
)
from tests.flows import factories as flow

pytestmark = pytest.mark.django_db


@pytest.fixture
def beneficiary(areas, case_worker):
    return beneficiary_in(areas.village_a, case_worker)


def test_retry_with_the_same_key_returns_the_first_result(case_worker, beneficiary):
    client = api_client(case_worker)
    body = intake_payload("fee_waiver", beneficiary)
    first = client.post(intake_url("fee_waiver"), body, HTTP_IDEMPOTENCY_KEY="k-1")
    events = CaseEvent.objects.count()
    again = client.post(intake_url("fee_waiver"), body, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert AssistanceRequest.objects.count() == 1
    assert CaseEvent.objects.count() == events


def test_same_key_with_another_body_is_422(case_worker, beneficiary):
    client = api_client(case_worker)
    body = intake_payload("fee_waiver", beneficiary)
    client.post(intake_url("fee_waiver"), body, HTTP_IDEMPOTENCY_KEY="k-2")
    other = client.post(
        intake_url("fee_waiver"), {**body, "summary": "另一个"}, HTTP_IDEMPOTENCY_KEY="k-2"
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert AssistanceRequest.objects.count() == 1


def test_a_failed_request_stores_no_key(case_worker, beneficiary):
    client = api_client(case_worker)
    bad = {**intake_payload("fee_waiver", beneficiary), "reduction_percent": 10}
    assert client.post(intake_url("fee_waiver"), bad, HTTP_IDEMPOTENCY_KEY="k-3").status_code == 400
    assert not IdempotencyKey.objects.exists()


def test_keys_belong_to_their_user(case_worker, areas, beneficiary):
    from cases.roles import CASE_WORKER
    from tests.cases.factories import UserFactory

    colleague = UserFactory(role=CASE_WORKER, areas=[areas.town_a])
    body = intake_payload("fee_waiver", beneficiary)
    api_client(case_worker).post(intake_url("fee_waiver"), body, HTTP_IDEMPOTENCY_KEY="same")
    api_client(colleague).post(intake_url("fee_waiver"), body, HTTP_IDEMPOTENCY_KEY="same")
    assert AssistanceRequest.objects.count() == 2


def test_a_transition_retried_is_done_once(case_worker, beneficiary):
    case = flow.submit("fee_waiver", by=case_worker, beneficiary=beneficiary)
    task = flow.runner.open_task(case)
    client = api_client(case_worker)
    url = f"{V1}/tasks/{task.pk}/complete/verify/"
    body = step_payloads()["verify"]
    first = client.post(url, body, HTTP_IDEMPOTENCY_KEY="v-1")
    again = client.post(url, body, HTTP_IDEMPOTENCY_KEY="v-1")
    assert first.status_code == again.status_code == 200
    assert case.verifications.count() == 1
    # Without the key the retry is refused: the task is no longer open.
    late = client.post(url, body)
    assert late.status_code == 409 and late.json()["code"] == "conflict"


def test_domain_error_keeps_the_pages_message(case_worker, beneficiary):
    body = {
        **intake_payload("fee_waiver", beneficiary),
        "relief_sought": "exempt",
        "reduction_percent": None,
    }
    response = api_client(case_worker).post(intake_url("fee_waiver"), body)
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "override_reason"
    assert error["fields"] == {"override_reason": [error["message"]]}


def test_duplicate_id_number_is_409_without_html(case_worker, beneficiary, areas):
    from cases.idnumber import parse_id_number  # noqa: F401 - the number comes from the row

    number = beneficiary.reveal_id_number()
    body = {
        "id_number": number, "name": "重复", "gender": beneficiary.gender, "area": areas.village_a.pk,
        "address": "x", "category": "retired_soldier",
    }  # fmt: skip
    response = api_client(case_worker).post(f"{V1}/beneficiaries/", body)
    assert response.status_code == 409
    assert "<a" not in response.json()["message"]
    assert Beneficiary.objects.count() == 1


def test_validation_errors_name_their_fields(case_worker):
    response = api_client(case_worker).post(f"{V1}/beneficiaries/", {"id_number": "123"})
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert {"id_number", "name", "area"} <= set(fields)


def test_four_eyes_is_checked_before_acting(case_worker, approver, beneficiary):
    case = flow.submit("fee_waiver", by=approver, beneficiary=beneficiary)
    flow.verify(case, by=case_worker)
    task = flow.runner.open_task(case)
    response = api_client(approver).post(
        f"{V1}/tasks/{task.pk}/complete/sign-off/", {"decision": "approve"}
    )
    assert response.status_code == 403
    assert not case.decisions.exists()


def test_the_wrong_step_endpoint_is_409(case_worker, beneficiary):
    case = flow.submit("fee_waiver", by=case_worker, beneficiary=beneficiary)
    task = flow.runner.open_task(case)
    response = api_client(case_worker).post(
        f"{V1}/tasks/{task.pk}/complete/close/", step_payloads()["close"]
    )
    assert response.status_code == 409
    assert "complete/verify/" in response.json()["message"]


def test_unknown_api_path_is_json_404(case_worker):
    response = api_client(case_worker).get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_issue_api_token_command(case_worker, capsys):
    call_command("issue_api_token", case_worker.username)
    key = capsys.readouterr().out.strip()
    assert Token.objects.get(user=case_worker).key == key
    call_command("issue_api_token", case_worker.username, "--rotate")
    assert capsys.readouterr().out.strip() != key


def test_schema_and_docs_are_served_offline(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/tasks/{id}/complete/verify/" in schema.json()["paths"]
    page = client.get("/api/docs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "cdn" not in html.lower() and "<script>" not in html
    assert "/static/api/swagger-init.js" in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_offs_one_wins_the_other_gets_409(
    case_worker, approver, leader, beneficiary
):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    case = flow.submit("fee_waiver", by=case_worker, beneficiary=beneficiary)
    flow.verify(case, by=case_worker)
    task = flow.runner.open_task(case)
    url = f"{V1}/tasks/{task.pk}/complete/sign-off/"
    barrier, results = threading.Barrier(2), []

    def sign(user):
        try:
            client = api_client(user)
            barrier.wait()
            results.append(client.post(url, {"decision": "approve"}).status_code)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=sign, args=(u,)) for u in (approver, leader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) in ([200, 403], [200, 409]), results
    assert case.decisions.count() == 1


def test_letters_download_with_a_token(case_worker, approver, beneficiary):
    case = flow.submit("fee_waiver", by=case_worker, beneficiary=beneficiary)
    flow.verify(case, by=case_worker)
    flow.sign(case, by=approver)
    client = api_client(case_worker)
    links = client.get(f"{V1}/requests/{case.pk}/documents/").json()["documents"]
    letter = next(link for link in links if link["api_url"])
    response = client.get(letter["api_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    missing = client.get(f"{V1}/requests/{case.pk}/documents/no-such-letter/")
    assert missing.status_code == 404


def test_find_by_id_number_reads_the_body_and_respects_scope(
    case_worker, case_worker_b, beneficiary
):
    url = f"{V1}/beneficiaries/find-by-id-number/"
    number = beneficiary.reveal_id_number()
    found = api_client(case_worker).post(url, {"id_number": number.lower()}, format="json")
    assert found.status_code == 200
    assert [row["id"] for row in found.json()] == [beneficiary.pk]
    assert number not in found.content.decode()  # answered masked
    other_area = api_client(case_worker_b).post(url, {"id_number": number}, format="json")
    assert other_area.status_code == 200 and other_area.json() == []
    bad = api_client(case_worker).post(url, {"id_number": number[:-1] + "0"}, format="json")
    assert bad.status_code == 400 and "id_number" in bad.json()["fields"]
