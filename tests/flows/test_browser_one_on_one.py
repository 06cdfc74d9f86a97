"""One-on-one assistance in real Chromium: the approver returns it once, then signs it off."""

import pytest
from viewflow.workflow.status import PROCESS

from cases.models import Decision, Kind, Status
from tests.flows.browser_steps import CaseWalk, events, today

pytestmark = pytest.mark.browser


def test_one_on_one_through_the_task_pages(
    login_page, screenshot, beneficiary, case_worker, approver, team_a, team_leader
):
    walk = CaseWalk(Kind.ONE_ON_ONE, login_page, screenshot)
    ar = walk.register(
        case_worker,
        beneficiary,
        need="缺少养殖启动资金",
        hardship_type="living",
        project="养殖湖羊",
        help_funds=True,
        help_know_how=True,
        funds_amount="3000",
        term_start="2026-03-01",
        term_end="2027-02-28",
        visit_interval_days="30",
        target_result="年增收5000元",
    )
    assert ar.status == Status.SUBMITTED and ar.amount == 3000

    page = walk.take_from_queue(case_worker, "verify")
    ar = walk.do(
        page, "verify", visit_date=today(), findings="家庭缺少启动资金", verified="yes",
        doc_0=True, doc_1=True, doc_2=True, doc_3=False,
    )  # fmt: skip
    assert ar.status == Status.VERIFIED

    page = walk.take_from_queue(approver, "sign_off_first")
    ar = walk.do(
        page,
        "sign_off_first",
        "main button[name=decision][value=return]",
        comment="请补充结对协议",
    )
    assert ar.status == Status.RETURNED
    page = walk.open_from_inbox(case_worker, "answer_first")
    assert page.get_by_text("请补充结对协议").count() > 0  # the question, on the case card
    ar = walk.do(page, "answer_first", answer="结对协议已签订并上传")
    assert ar.status == Status.VERIFIED
    page = walk.open_from_inbox(approver, "sign_off_first")  # back to the one who asked
    ar = walk.do(
        page, "sign_off_first", "main button[name=decision][value=approve]", comment="同意"
    )
    assert ar.status == Status.APPROVED and not ar.needs_second_level
    assert list(ar.decisions.order_by("pk").values_list("outcome", "answer")) == [
        (Decision.Outcome.RETURN, "结对协议已签订并上传"),
        (Decision.Outcome.APPROVE, ""),
    ]

    page = walk.open_from_inbox(case_worker, "dispatch")
    walk.do(page, "dispatch", team=team_a.pk, note="每月上门指导一次")
    page = walk.open_from_inbox(team_leader, "accept")
    ar = walk.do(page, "accept", accepted="yes")
    assert ar.status == Status.IN_DELIVERY
    page = walk.open_from_inbox(team_leader, "deliver")
    ar = walk.do(page, "deliver", delivered_on=today(), hours="6", work_done="送羊苗并讲解防疫")
    assert ar.status == Status.FOLLOW_UP

    page = walk.open_from_inbox(case_worker, "follow_up")
    walk.do(page, "follow_up", done_on=today(), method="visit", findings="羊只长势良好",
            satisfaction="5")  # fmt: skip
    page = walk.open_from_inbox(case_worker, "close")
    ar = walk.do(page, "close", result="solved", amount_delivered="3000", summary="结对帮扶完成")
    assert ar.status == Status.CLOSED and ar.process.status == PROCESS.DONE

    assert events(ar) == [
        "request.submitted",
        "request.verified",
        "request.returned.level1",
        "request.answered",
        "request.approved.level1",
        "request.dispatched",
        "request.accepted",
        "request.delivered",
        "request.followed_up",
        "request.closed",
    ]
    body = walk.case_page(case_worker, "closed").locator("main").inner_text()
    assert "结对帮扶完成" in body and "结对协议已签订并上传" in body
