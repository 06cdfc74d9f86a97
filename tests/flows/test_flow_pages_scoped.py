"""The flows' own pages (board, process list, task list) show only visible requests."""

from django.urls import reverse

from cases.models import Kind, Status
from flows import runner
from tests.flows import factories as f

PAGES = ["feewaiver:index", "feewaiver:process_list", "feewaiver:task_list"]


def test_flow_pages_show_only_the_users_areas(beneficiary, case_worker, case_worker_b, client_for):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    task = runner.open_task(ar)
    marks = (str(ar), f"#{task.process_id}/{task.pk}")  # the lists name it, the board numbers it
    for name in PAGES:
        own = client_for(case_worker).get(reverse(name)).content.decode()
        other = client_for(case_worker_b).get(reverse(name)).content.decode()
        assert any(mark in own for mark in marks), name
        assert not any(mark in other for mark in marks), name


def test_process_cancel_goes_to_the_leaders_cancel_page(
    beneficiary, case_worker, leader, client_for
):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    url = reverse("feewaiver:process_cancel", args=[ar.process.pk])
    response = client_for(leader).get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:assistancerequest:cancel", args=[ar.pk])
    ar.refresh_from_db()
    assert ar.status == Status.SUBMITTED and runner.open_task(ar) is not None


def test_unnamed_nodes_get_titles(beneficiary, case_worker, client_for):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    page = client_for(case_worker).get(reverse("feewaiver:process_detail", args=[ar.process.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert ">Register<" not in body and "Verify  Timeout" not in body
    assert "{&#x27;due&#x27;" not in body
