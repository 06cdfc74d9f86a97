"""Where users get documents: letters on request, big documents as background jobs with a
progress page, the full ID number only after a recorded reason, and nobody out of scope."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from cases.models import CaseEvent, RenderedDocument
from tests.cases.documents_support import (  # noqa: F401 - fixtures
    DATABASE_TASKS,
    IMMEDIATE_TASKS,
    cases_fixture,
    compact,
    documents_beneficiaries_fixture,
    media_fixture,
    pdf_text,
)

pytestmark = pytest.mark.django_db


def letter_url(ar, slug):
    return reverse("letters:letter", args=[ar.pk, slug])


def test_case_worker_downloads_the_letters_of_a_case(cases, case_worker, client_for):
    client = client_for(case_worker)
    response = client.get(letter_url(cases.one_on_one, "pairing-agreement"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert "一助一结对帮扶协议书" in compact(pdf_text(response.content))


def test_a_letter_that_does_not_apply_is_not_found(cases, case_worker, client_for):
    client = client_for(case_worker)
    assert client.get(letter_url(cases.one_on_one, "rejection-notice")).status_code == 404
    assert client.get(letter_url(cases.one_on_one, "no-such-letter")).status_code == 404


def test_out_of_scope_users_get_nothing(cases, case_worker_b, client_for):
    client = client_for(case_worker_b)
    ar = cases.fee_waiver
    assert client.get(letter_url(ar, "court-packet")).status_code == 404
    assert (
        client.post(
            reverse("documents:dossier", args=[ar.pk]), {"reason": "考核验收调阅案卷"}
        ).status_code
        == 404
    )
    assert client.get(reverse("letters:api_request", args=[ar.pk])).status_code == 404


def test_anonymous_users_are_sent_to_log_in(cases, client):
    response = client.get(letter_url(cases.fee_waiver, "court-packet"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_team_gets_its_work_order_but_not_the_dossier(cases, team_leader, client_for):
    client = client_for(team_leader)
    assert client.get(letter_url(cases.farming_help, "work-order")).status_code == 200
    response = client.post(
        reverse("documents:dossier", args=[cases.farming_help.pk]), {"reason": "考核验收调阅案卷"}
    )
    assert response.status_code == 403


def test_court_packet_is_masked_by_default(cases, case_worker, client_for):
    ar = cases.fee_waiver
    response = client_for(case_worker).get(letter_url(ar, "court-packet"))
    text = compact(pdf_text(response.content))
    assert ar.beneficiary.reveal_id_number() not in text
    assert ar.beneficiary.id_number_masked in text
    assert not CaseEvent.objects.filter(kind="id_number.revealed").exists()


def test_full_court_packet_needs_a_reason_and_records_it(cases, case_worker, client_for):
    ar = cases.fee_waiver
    client = client_for(case_worker)
    url = reverse("letters:court_packet_full", args=[ar.pk])
    assert client.get(url).status_code == 200  # the form
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not CaseEvent.objects.filter(kind="id_number.revealed").exists()

    response = client.post(url, {"reason": "递交临溪县人民法院立案庭"})
    assert response["Content-Type"] == "application/pdf"
    assert ar.beneficiary.reveal_id_number() in compact(pdf_text(response.content))
    event = CaseEvent.objects.get(kind="id_number.revealed")
    assert event.actor == case_worker and event.assistance_request == ar
    assert event.reason == "递交临溪县人民法院立案庭"
    assert event.changes == {"purpose": [None, "court packet"]}


def test_roles_without_reveal_cannot_print_the_full_number(cases, auditor, client_for):
    url = reverse("letters:court_packet_full", args=[cases.fee_waiver.pk])
    response = client_for(auditor).post(url, {"reason": "检查"})
    assert response.status_code == 403
    assert not CaseEvent.objects.filter(kind="id_number.revealed").exists()


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_auditor_makes_a_dossier_and_downloads_it(
    cases, auditor, client_for, media, django_capture_on_commit_callbacks
):
    client = client_for(auditor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:dossier", args=[cases.fee_waiver.pk]), {"reason": "考核验收调阅案卷"}
        )
    document = RenderedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:job", args=[document.pk])
    assert document.status == "done" and document.progress == 100
    assert document.pages >= 5 and len(document.sha256) == 64

    page = client.get(response["Location"])
    assert b'http-equiv="refresh"' not in page.content
    assert reverse("documents:download", args=[document.pk]).encode() in page.content

    download = client.get(reverse("documents:download", args=[document.pk]))
    pdf = b"".join(download.streaming_content)
    assert "双拥帮扶工作案卷" in compact(pdf_text(pdf))
    assert client.get(reverse("documents:api_job", args=[document.pk])).json()["status"] == "done"


def test_job_page_refreshes_while_waiting_without_inline_script(
    cases, auditor, client_for, media, django_capture_on_commit_callbacks
):
    client = client_for(auditor)
    with (
        override_settings(
            TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("documents:dossier", args=[cases.one_on_one.pk]), {"reason": "考核验收调阅案卷"}
        )
    page = client.get(response["Location"])
    assert b'<meta http-equiv="refresh" content="2">' in page.content
    assert b"<progress" in page.content
    assert b"<script>" not in page.content  # CSP: no inline script
    document = RenderedDocument.objects.get()
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_other_users_cannot_see_a_job_out_of_their_scope(
    cases, auditor, case_worker_b, client_for, media, django_capture_on_commit_callbacks
):
    with (
        override_settings(TASKS=IMMEDIATE_TASKS),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client_for(auditor).post(
            reverse("documents:dossier", args=[cases.fee_waiver.pk]), {"reason": "考核验收调阅案卷"}
        )
    document = RenderedDocument.objects.get()
    client = client_for(case_worker_b)
    assert client.get(reverse("documents:job", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_year_report_from_the_workspace(
    cases, areas, approver, client_for, media, django_capture_on_commit_callbacks
):
    client = client_for(approver)
    assert "临溪县" in client.get(reverse("documents:index")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:year_report"), {"area": areas.county.pk, "year": "2026"}
        )
    document = RenderedDocument.objects.get()
    assert response.status_code == 302 and document.status == "done"
    assert document.kind == "year_report" and document.area == areas.county


def test_year_report_outside_ones_areas_is_refused(areas, case_worker, client_for):
    response = client_for(case_worker).post(
        reverse("documents:year_report"), {"area": areas.town_b.pk, "year": "2026"}
    )
    assert response.status_code == 404


def test_the_task_is_idempotent(cases, auditor, media):
    from cases.documents import storage, tasks

    document = storage.create_job(kind="dossier", by=auditor, assistance_request=cases.rejected)
    assert tasks.render_document.call(document.pk) == "done"
    document.refresh_from_db()
    first = (document.file.name, document.sha256)
    assert tasks.render_document.call(document.pk) == "done"
    document.refresh_from_db()
    assert (document.file.name, document.sha256) == first


def test_api_lists_the_document_links(cases, case_worker, auditor, client_for):
    data = (
        client_for(case_worker)
        .get(reverse("letters:api_request", args=[cases.fee_waiver.pk]))
        .json()
    )
    slugs = [link["slug"] for link in data["documents"]]
    assert slugs == ["court-packet", "approval-notice", "court-packet-full", "dossier"]
    auditor_slugs = [
        link["slug"]
        for link in client_for(auditor)
        .get(reverse("letters:api_request", args=[cases.fee_waiver.pk]))
        .json()["documents"]
    ]
    assert "court-packet-full" not in auditor_slugs and "dossier" in auditor_slugs


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_dossier(cases, auditor, media, client_for, settings):
    """The django_tasks_db backend and its worker command, end to end."""
    settings.TASKS = DATABASE_TASKS
    client = client_for(auditor)
    client.post(
        reverse("documents:dossier", args=[cases.farming_help.pk]), {"reason": "考核验收调阅案卷"}
    )
    document = RenderedDocument.objects.get()
    assert document.status == "pending"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    document.refresh_from_db()
    assert document.status == "done" and document.pages >= 5
    assert document.file.size == document.size


def test_dossier_export_needs_a_reason_and_is_recorded(client_for, auditor, cases):
    client = client_for(auditor)
    url = reverse("documents:dossier", args=[cases.fee_waiver.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 302
    assert not RenderedDocument.objects.filter(assistance_request=cases.fee_waiver).exists()
    assert not CaseEvent.objects.filter(kind="dossier.exported").exists()
    client.post(url, {"reason": "考核验收调阅案卷"})
    event = CaseEvent.objects.get(kind="dossier.exported")
    assert (event.actor, event.assistance_request, event.reason) == (
        auditor,
        cases.fee_waiver,
        "考核验收调阅案卷",
    )
