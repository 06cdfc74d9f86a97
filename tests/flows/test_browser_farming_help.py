"""Help with farming work in real Chromium, from intake to close."""

import pytest
from viewflow.workflow.status import PROCESS

from cases.models import Kind, Status
from tests.flows.browser_steps import CaseWalk, events, today

pytestmark = pytest.mark.browser


def test_farming_help_through_the_task_pages(
    login_page, screenshot, beneficiary, case_worker, approver, areas, team_a, team_leader
):
    walk = CaseWalk(Kind.FARMING_HELP, login_page, screenshot)
    ar = walk.register(
        case_worker,
        beneficiary,
        season="summer",
        crops="水稻",
        area_mu="3.5",
        tasks="收割、插秧",
        window_start="2026-05-25",
        window_end="2026-06-15",
        person_days="6",
        mode="labour",
    )
    assert ar.status == Status.SUBMITTED

    page = walk.take_from_queue(case_worker, "verify")
    ar = walk.do(
        page, "verify", visit_date=today(), findings="家中缺少劳动力", verified="yes",
        doc_0=True, doc_1=True, doc_2=True,
    )  # fmt: skip
    page = walk.take_from_queue(approver, "sign_off_first")
    ar = walk.do(
        page, "sign_off_first", "main button[name=decision][value=approve]", comment="同意"
    )
    assert ar.status == Status.APPROVED

    page = walk.open_from_inbox(case_worker, "dispatch")
    walk.do(page, "dispatch", team=team_a.pk, note="5月底前完成收割")
    page = walk.open_from_inbox(team_leader, "accept")
    ar = walk.do(page, "accept", accepted="yes")
    assert ar.status == Status.IN_DELIVERY
    page = walk.open_from_inbox(team_leader, "deliver")
    ar = walk.do(page, "deliver", delivered_on=today(), hours="24", work_done="收割水稻3.5亩")
    assert ar.status == Status.FOLLOW_UP

    page = walk.open_from_inbox(case_worker, "follow_up")
    walk.do(page, "follow_up", done_on=today(), method="visit", findings="已按时收割",
            satisfaction="4")  # fmt: skip
    page = walk.open_from_inbox(case_worker, "close")
    ar = walk.do(page, "close", result="solved", amount_delivered="0", summary="夏收完成")
    assert ar.status == Status.CLOSED and ar.process.status == PROCESS.DONE

    assert events(ar) == [
        "request.submitted",
        "request.verified",
        "request.approved.level1",
        "request.dispatched",
        "request.accepted",
        "request.delivered",
        "request.followed_up",
        "request.closed",
    ]
    body = walk.case_page(case_worker, "closed").locator("main").inner_text()
    assert "夏收完成" in body and "收割水稻3.5亩" in body and team_a.name in body
