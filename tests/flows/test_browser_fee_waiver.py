"""Litigation-fee relief in real Chromium, from intake to close, by five people.

An exemption needs the leader's second-level sign-off after the approver's first.
"""

import pytest
from viewflow.workflow.status import PROCESS

from cases.models import Decision, Kind, Relief, Status
from tests.flows.browser_steps import CaseWalk, events, today

pytestmark = pytest.mark.browser


def test_fee_relief_through_the_task_pages(
    login_page, screenshot, beneficiary, case_worker, approver, leader, team_a, team_leader
):
    walk = CaseWalk(Kind.FEE_WAIVER, login_page, screenshot)
    ar = walk.register(
        case_worker,
        beneficiary,
        court="临溪县人民法院",
        case_number="(2026)浙0188民初88号",
        claim_type="pension",
        fee_amount="3000",
        relief_sought=Relief.EXEMPT,
        hardship_evidence="低保证明",
        summary="抚恤金纠纷诉讼费免交",
    )
    assert ar.status == Status.SUBMITTED and ar.suggested_ground == "§45(2)"

    page = walk.take_from_queue(case_worker, "verify")
    assert page.get_by_text("§45(2)").count() > 0  # the suggestion, next to the form
    ar = walk.do(
        page, "verify", visit_date=today(), findings="入户核实，情况属实", verified="yes",
        doc_0=True, doc_1=True, doc_2=True, doc_3=True, doc_4=False,
    )  # fmt: skip
    assert ar.status == Status.VERIFIED and ar.verified_by == case_worker

    page = walk.take_from_queue(approver, "sign_off_first")
    ar = walk.do(
        page, "sign_off_first", "main button[name=decision][value=approve]", comment="同意免交"
    )
    assert ar.status == Status.AWAITING_SECOND and ar.needs_second_level

    page = walk.take_from_queue(leader, "sign_off_second")
    ar = walk.do(
        page, "sign_off_second", "main button[name=decision][value=approve]", comment="同意"
    )
    assert ar.status == Status.APPROVED
    assert [(d.level, d.approver, d.outcome) for d in ar.decisions.order_by("pk")] == [
        (1, approver, Decision.Outcome.APPROVE),
        (2, leader, Decision.Outcome.APPROVE),
    ]

    page = walk.open_from_inbox(case_worker, "dispatch")
    ar = walk.do(page, "dispatch", team=team_a.pk, note="陪同当事人到法院递交申请")
    assert ar.status == Status.DISPATCHED

    page = walk.open_from_inbox(team_leader, "accept")
    ar = walk.do(page, "accept", accepted="yes")
    assert ar.status == Status.IN_DELIVERY
    page = walk.open_from_inbox(team_leader, "deliver")
    ar = walk.do(page, "deliver", delivered_on=today(), hours="3.5", work_done="陪同递交材料")
    assert ar.status == Status.COURT_FILING

    page = walk.open_from_inbox(case_worker, "file_with_court")
    walk.do(page, "file_with_court", filed_on=today(), case_number="(2026)浙0188民初88号")
    page = walk.open_from_inbox(case_worker, "record_court_decision")
    ar = walk.do(
        page, "record_court_decision", decision="granted", relief_amount="3000", decided_on=today()
    )
    assert ar.status == Status.FOLLOW_UP

    page = walk.open_from_inbox(case_worker, "follow_up")
    walk.do(page, "follow_up", done_on=today(), method="phone", findings="已免交", satisfaction="5")
    page = walk.open_from_inbox(case_worker, "close")
    ar = walk.do(page, "close", result="solved", amount_delivered="3000", summary="法院准予免交")
    assert ar.status == Status.CLOSED and ar.process.status == PROCESS.DONE

    assert events(ar) == [
        "request.submitted",
        "request.verified",
        "request.approved.level1",
        "request.approved.level2",
        "request.dispatched",
        "request.accepted",
        "request.delivered",
        "request.filed",
        "request.court_decided",
        "request.followed_up",
        "request.closed",
    ]
    page = walk.case_page(case_worker, "closed")
    body = page.locator("main").inner_text()
    assert ar.get_status_display() in body and "法院准予免交" in body
    for name in (approver.full_name, leader.full_name, team_a.name):
        assert name in body
