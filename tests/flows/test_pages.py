import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import AssistanceRequest, Kind, Status
from flows import runner
from tests.cases.factories import BeneficiaryFactory
from tests.flows import factories as f


def task_url(ar, action="execute"):
    task = runner.open_task(ar)
    return task.flow_task.reverse(action, args=[task.process_id, task.pk])


def test_sign_off_in_the_browser(beneficiary, case_worker, approver, client_for):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    client = client_for(approver)
    assert client.post(task_url(ar, "assign")).status_code == 302
    page = client.get(task_url(ar))
    body = page.content.decode()
    assert page.status_code == 200
    assert beneficiary.id_number_masked in body and "§46(2)" in body
    assert 'value="approve"' in body and 'value="reject"' in body and 'value="return"' in body
    response = client.post(task_url(ar), {"decision": "reject", "comment": ""})
    assert response.status_code == 200 and "comment" in response.context["form"].errors
    assert AssistanceRequest.objects.get(pk=ar.pk).status == Status.VERIFIED
    response = client.post(
        task_url(ar), {"decision": "approve", "comment": "同意", "approved_amount": "-5"}
    )
    assert response.status_code == 200 and "approved_amount" in response.context["form"].errors
    response = client.post(task_url(ar), {"decision": "approve", "comment": "同意"})
    assert response.status_code == 302
    assert AssistanceRequest.objects.get(pk=ar.pk).status == Status.APPROVED


def test_worker_of_another_area_gets_404(beneficiary, case_worker, case_worker_b, client_for):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    client = client_for(case_worker_b)
    for action in ("execute", "assign", "detail"):
        assert client.get(task_url(ar, action)).status_code == 404
    assert client.get(f"/casework/assistancerequest/{ar.pk}/detail/").status_code == 404
    assert (
        client.get(runner.open_task(ar).flow_task.flow_class.instance.reverse("queue")).status_code
        == 200
    )


def test_intake_page_field_errors_and_success(beneficiary, case_worker, client_for):
    client = client_for(case_worker)
    data = {
        "beneficiary": beneficiary.pk, "court": "临溪县人民法院", "claim_type": "other",
        "fee_amount": "abc", "relief_sought": "reduce", "reduction_percent": "20",
    }  # fmt: skip
    response = client.post("/casework/assistancerequest/new/fee_waiver/", data)
    assert response.status_code == 200 and not AssistanceRequest.objects.exists()
    data.update(fee_amount="1200", reduction_percent="20")
    response = client.post("/casework/assistancerequest/new/fee_waiver/", data)
    assert response.status_code == 200
    assert "reduction_percent" in response.context["form"].errors
    data.update(reduction_percent="40")
    response = client.post("/casework/assistancerequest/new/fee_waiver/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    ar = AssistanceRequest.objects.get()
    page = client.get(f"/casework/assistancerequest/{ar.pk}/detail/")
    assert page.status_code == 200 and "process_chart" not in page.content.decode()
    assert "chart" in page.content.decode()


def _make(n, areas, case_worker):
    for _ in range(n):
        b = BeneficiaryFactory(area=areas.village_a, created_by=case_worker)
        ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=b)
        f.verify(ar, by=case_worker)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("page", ["inbox", "queue"])
def test_list_query_counts_do_not_grow(page, areas, case_worker, approver, client_for):
    from flows.fee_waiver import FeeWaiverFlow

    url = FeeWaiverFlow.instance.reverse(page)
    client = client_for(approver)
    _make(2, areas, case_worker)
    if page == "inbox":
        for ar in AssistanceRequest.objects.all():
            client.post(task_url(ar, "assign"))
    client.get(url)  # the first visit writes the session (the list's address, the idle stamp)
    small = _count(client, url)
    _make(6, areas, case_worker)
    if page == "inbox":
        for ar in AssistanceRequest.objects.filter(decisions__isnull=True):
            task = runner.open_task(ar)
            if task.owner_id is None:
                client.post(task_url(ar, "assign"))
    assert _count(client, url) == small


def test_case_page_query_count_does_not_grow(beneficiary, case_worker, approver, client_for):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    f.verify(ar, by=case_worker)
    client = client_for(case_worker)
    url = f"/casework/assistancerequest/{ar.pk}/detail/"
    f.sign(ar, by=approver, decision="return", comment="补充")
    f.answer(ar, by=case_worker)
    client.get(url)  # the first visit writes the session (the idle stamp)
    small = _count(client, url)
    for _ in range(3):  # more decisions, answers and events
        f.sign(ar, by=approver, decision="return", comment="再补充")
        f.answer(ar, by=case_worker)
    assert _count(client, url) == small


def _menu_counts(client, url):
    """The numbers the flow menu shows next to Inbox and Queue."""
    import re

    body = client.get(url).content.decode()
    found = re.findall(r"<span class=\"mdc-list-item__meta\">(\d+)</span>", body)
    return tuple(int(n) for n in found[:2])


def test_menu_counts_match_the_lists_filtered_or_not(areas, case_worker, approver, client_for):
    """The inbox and queue pages hand their own total to the menu: it must be the same
    number the other page counts, and a filter on the page must not change the menu."""
    from flows.fee_waiver import FeeWaiverFlow

    _make(3, areas, case_worker)
    client = client_for(approver)
    first = AssistanceRequest.objects.order_by("pk").first()
    client.post(task_url(first, "assign"))
    inbox, queue = FeeWaiverFlow.instance.reverse("inbox"), FeeWaiverFlow.instance.reverse("queue")
    assert _menu_counts(client, inbox) == (1, 2)
    assert _menu_counts(client, queue) == (1, 2)
    assert _menu_counts(client, f"{queue}?case={first.pk}") == (1, 2)
    assert _menu_counts(client, f"{inbox}?case=999999") == (1, 2)
    # Four-eyes: the case worker who verified them is not offered the sign-offs.
    assert _menu_counts(client_for(case_worker), inbox) == (0, 0)


def test_queue_pages_newest_first_and_past_the_end(
    areas, case_worker, approver, client_for, monkeypatch
):
    """The task pages read a page's ids with the list's total, then those tasks: every task
    once, newest first, the total in the table, and 404 for a page that is not there."""
    import re

    from flows.fee_waiver import FeeWaiverFlow
    from flows.viewsets import QueueView

    monkeypatch.setattr(QueueView, "paginate_by", 2)
    _make(3, areas, case_worker)
    client = client_for(approver)
    queue = FeeWaiverFlow.instance.reverse("queue")
    shown = []
    for page in (1, 2):
        body = client.get(f"{queue}?page={page}").content.decode()
        assert 'data-total-items-count="3"' in body
        shown += [int(pk) for pk in re.findall(r'<tr data-row-id="(\d+)"', body)]
    open_tasks = [runner.open_task(ar) for ar in AssistanceRequest.objects.all()]
    newest_first = sorted(open_tasks, key=lambda task: task.created, reverse=True)
    assert shown == [task.pk for task in newest_first]
    for page in ("3", "0", "abc"):
        assert client.get(f"{queue}?page={page}").status_code == 404
    assert client.get(f"{queue}?page=last").status_code == 200
