"""The auditor workspace, ID-number reveals, and no plaintext ID number in URLs or logs."""

import csv
import io
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import chain
from cases.models import Beneficiary, CaseEvent, Kind
from tests.cases.factories import BeneficiaryFactory, make_id_number
from tests.cases.test_audit_chain import triggers_bypassed
from tests.flows import factories as f


@pytest.fixture
def beneficiary(areas, case_worker):
    return BeneficiaryFactory(
        area=areas.village_a, created_by=case_worker, category=Beneficiary.Category.SERVICE_FAMILY
    )


@pytest.fixture
def closed_case(beneficiary, case_worker, approver, team_a, team_leader):
    ar = f.submit(Kind.FARMING_HELP, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    f.sign(ar, by=approver)
    f.dispatch(ar, by=case_worker, team=team_a)
    f.accept(ar, by=team_leader)
    f.deliver(ar, by=team_leader)
    f.follow_up(ar, by=case_worker)
    f.close(ar, by=case_worker)
    return ar


def test_auditor_searches_cases_by_kind_area_status_and_person(
    client_for, auditor, closed_case, approver, case_worker
):
    client = client_for(auditor)
    url = reverse("audit:index")
    assert closed_case in client.get(url).context["object_list"]
    filters = {
        "kind": Kind.FARMING_HELP,
        "status": closed_case.status,
        "area": closed_case.area.parent.name,  # a town finds the cases of its villages
        "person": approver.username,  # the approver acted on it
        "registered_from": closed_case.submitted_at.date().isoformat(),
    }
    assert list(client.get(url, filters).context["object_list"]) == [closed_case]
    assert not client.get(url, {"kind": Kind.FEE_WAIVER}).context["object_list"]
    by_code = {"area": closed_case.area.code, "person": str(approver)}  # full name works too
    assert list(client.get(url, by_code).context["object_list"]) == [closed_case]
    assert not client.get(url, {"area": "no such place"}).context["object_list"]
    assert not client.get(url, {"person": "nobody"}).context["object_list"]
    response = client.get(url, {"registered_from": "not a date"})
    assert response.status_code == 200 and response.context["filter"].errors


def test_case_timeline_shows_every_event_and_filters_by_actor(
    client_for, auditor, closed_case, approver
):
    client = client_for(auditor)
    url = reverse("audit:history", args=[closed_case.pk])
    events = list(closed_case.events.order_by("seq"))
    response = client.get(url)
    assert list(response.context["events"]) == events
    assert "request.approved.level1" in response.content.decode()
    only_approver = client.get(url, {"actor": approver.pk}).context["events"]
    assert {e.actor_id for e in only_approver} == {approver.pk}


def test_verify_this_case_shows_intact_or_the_broken_event(client_for, auditor, closed_case):
    client = client_for(auditor)
    url = reverse("audit:history", args=[closed_case.pk])
    report = client.get(url, {"verify": 1}).context["report"]
    assert report.ok and report.checked == closed_case.events.count()

    victim = closed_case.events.order_by("seq")[2]
    with triggers_bypassed() as cursor:
        cursor.execute("UPDATE cases_caseevent SET reason = %s WHERE id = %s", ["改", victim.pk])
    response = client.get(url, {"verify": 1})
    assert response.context["report"].broken_event_id == victim.pk
    assert f"{victim.pk}" in response.content.decode()


def test_history_exports_as_csv_that_can_be_rechecked(client_for, auditor, closed_case):
    response = client_for(auditor).get(reverse("audit:history_csv", args=[closed_case.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    events = list(closed_case.events.order_by("seq"))
    assert [int(r["seq"]) for r in rows] == [e.seq for e in events]
    assert [r["hash"] for r in rows] == [chain.compute_hash(e) for e in events]


@pytest.mark.parametrize("persona", ["case_worker", "approver", "team_leader", "volunteer"])
def test_workspace_is_for_auditors_only(client_for, request, closed_case, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in (
        reverse("audit:index"),
        reverse("audit:history", args=[closed_case.pk]),
        reverse("audit:history_csv", args=[closed_case.pk]),
    ):
        assert client.get(url).status_code == 403


def test_workspace_answers_get_only(client_for, auditor, closed_case):
    client = client_for(auditor)
    assert client.post(reverse("audit:history", args=[closed_case.pk])).status_code == 405


def test_reveal_needs_a_reason_and_is_recorded(client_for, case_worker, beneficiary):
    client = client_for(case_worker, REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="pytest-browser")
    url = reverse("registry:beneficiary:reveal", args=[beneficiary.pk])
    full = beneficiary.reveal_id_number()
    assert (
        full
        not in client.get(
            reverse("registry:beneficiary:detail", args=[beneficiary.pk])
        ).content.decode()
    )

    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and full not in refused.content.decode()
    assert not CaseEvent.objects.filter(kind="id_number.revealed").exists()

    shown = client.post(url, {"reason": "法院立案需要核对身份"})
    assert full in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    event = CaseEvent.objects.get(kind="id_number.revealed")
    assert (event.actor, event.beneficiary, event.reason) == (
        case_worker,
        beneficiary,
        "法院立案需要核对身份",
    )
    assert (event.ip_address, event.user_agent) == ("10.1.2.3", "pytest-browser")


def test_roles_without_the_need_cannot_reveal(client_for, auditor, team_leader, beneficiary):
    url = reverse("registry:beneficiary:reveal", args=[beneficiary.pk])
    response = client_for(auditor).post(url, {"reason": "想看看完整号码"})
    assert beneficiary.reveal_id_number() not in response.content.decode()
    assert not CaseEvent.objects.filter(kind="id_number.revealed").exists()
    # Outside their scope: the registry is closed to team leaders (403 for every page of
    # it, so nothing is learned about this person).
    assert client_for(team_leader).get(url).status_code in (403, 404)


def test_no_plaintext_id_number_in_urls_or_logs(
    client_for, caplog, areas, case_worker, approver, team_a, team_leader
):
    """Register through the page, run a whole case, reveal once: the number only ever
    appears in the one reveal response, never in a URL, a log record or an SQL statement."""
    id_number = make_id_number(sequence=321)
    client = client_for(case_worker)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own default is INFO
    urls = []
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("registry:beneficiary:add"),
            {
                "id_number": id_number,
                "name": "王秀兰",
                "gender": "F" if int(id_number[16]) % 2 == 0 else "M",
                "phone": "13812345678",
                "area": areas.village_a.pk,
                "address": "城东社区人民路8号",
                "category": Beneficiary.Category.MARTYR_FAMILY,
                "household_size": 2,
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        urls.append(response["Location"])
        beneficiary = Beneficiary.objects.get(name="王秀兰")
        ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
        f.verify(ar, by=case_worker)
        f.sign(ar, by=approver)
        f.dispatch(ar, by=case_worker, team=team_a)
        f.accept(ar, by=team_leader)
        f.deliver(ar, by=team_leader)
        f.file_with_court(ar, by=case_worker)
        f.court_decides(ar, by=case_worker)
        f.follow_up(ar, by=case_worker)
        f.close(ar, by=case_worker)
        for url in (
            reverse("registry:beneficiary:detail", args=[beneficiary.pk]),
            reverse("casework:assistancerequest:detail", args=[ar.pk]),
            reverse("registry:beneficiary:index") + "?_search=王秀兰",
        ):
            urls.append(url)
            page = client.get(url)
            assert page.status_code == 200
            assert id_number not in page.content.decode()
        reveal = client.post(
            reverse("registry:beneficiary:reveal", args=[beneficiary.pk]),
            {"reason": "核对法院材料"},
        )
        assert id_number in reveal.content.decode()
    assert caplog.records, "the lifecycle should have produced log records"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    for haystack in (logged, sql, "\n".join(urls)):
        assert id_number not in haystack
        assert id_number[:17] not in haystack
