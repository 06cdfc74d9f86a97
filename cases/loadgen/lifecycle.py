"""One request's life, step by step, through the real flows and services.

Used by the load-data generator (to record one template per kind and stage) and by the
lifecycle benchmark (tests/perf). Every step goes through `flows.runner.perform`: the process
lock, the node's permission and four-eyes rules, the service, the flow moving on.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cases import services
from cases.models import (
    ClaimType,
    FarmingHelpDetail,
    FarmingMode,
    FeeWaiverDetail,
    HardshipType,
    Kind,
    OneOnOneDetail,
    Relief,
    Season,
)


@dataclass
class People:
    """Who does what in one town: the case worker, the team leader and their team, the
    county's approver and leader."""

    case_worker: object
    approver: object
    leader: object
    team_leader: object
    team: object


def detail_for(kind, *, large=False):
    """A valid detail row; `large` puts it above the second-level threshold."""
    today = timezone.localdate()
    if kind == Kind.FEE_WAIVER:
        return FeeWaiverDetail(
            court="临溪县人民法院",
            claim_type=ClaimType.OTHER,
            fee_amount=Decimal("20000" if large else "2000"),
            relief_sought=Relief.REDUCE,
            reduction_percent=50,
            hardship_evidence="低收入证明",
        )
    if kind == Kind.ONE_ON_ONE:
        return OneOnOneDetail(
            need="缺少生产资金",
            hardship_type=HardshipType.LIVING,
            project="养殖湖羊",
            help_funds=True,
            funds_amount=Decimal("8000" if large else "3000"),
            term_start=today,
            term_end=today + timedelta(days=365),
            visit_interval_days=30,
            target_result="年增收5000元",
        )
    return FarmingHelpDetail(
        season=Season.SUMMER,
        crops="水稻",
        area_mu=Decimal("3.5"),
        tasks="收割、插秧",
        window_start=today,
        window_end=today + timedelta(days=20),
        person_days=Decimal("6"),
        mode=FarmingMode.LABOUR,
    )


def submit(kind, beneficiary, people, *, large=False):
    from flows import runner

    return runner.submit(
        by=people.case_worker,
        kind=kind,
        beneficiary=beneficiary,
        detail=detail_for(kind, large=large),
    )


def _do(ar, node, by, action):
    from flows import runner

    return runner.perform(ar, node, by=by, action=action)


def verify(ar, p):
    today = timezone.localdate()
    return _do(ar, "verify", p.case_worker, lambda a: services.verify(
        by=p.case_worker, assistance_request=a, visit_date=today, findings="入户核实属实",
        checklist=[{"item": "户口簿", "received": True}], verified=True,
    ))  # fmt: skip


def sign_first(ar, p, decision="approve"):
    action = {"approve": services.approve, "reject": services.reject,
              "return": services.return_for_info}[decision]  # fmt: skip
    comment = "同意" if decision == "approve" else "请补充材料"
    return _do(ar, "sign_off_first", p.approver, lambda a: action(
        by=p.approver, assistance_request=a, level=1, comment=comment
    ))  # fmt: skip


def sign_second(ar, p):
    return _do(ar, "sign_off_second", p.leader, lambda a: services.approve(
        by=p.leader, assistance_request=a, level=2, comment="同意"
    ))  # fmt: skip


def answer_first(ar, p):
    return _do(ar, "answer_first", p.case_worker, lambda a: services.answer_return(
        by=p.case_worker, assistance_request=a, answer="已补充材料"
    ))  # fmt: skip


def dispatch(ar, p):
    return _do(ar, "dispatch", p.case_worker, lambda a: services.dispatch(
        by=p.case_worker, assistance_request=a, team=p.team, note="请尽快联系"
    ))  # fmt: skip


def accept(ar, p, accepted=True):
    return _do(ar, "accept", p.team_leader, lambda a: services.accept_dispatch(
        by=p.team_leader, assistance_request=a, accepted=accepted,
        reason="" if accepted else "人手不足",
    ))  # fmt: skip


def deliver(ar, p):
    return _do(ar, "deliver", p.team_leader, lambda a: services.record_delivery(
        by=p.team_leader, assistance_request=a, delivered_on=timezone.localdate(),
        hours=Decimal("4"), work_done="完成",
    ))  # fmt: skip


def file_with_court(ar, p):
    return _do(ar, "file_with_court", p.case_worker, lambda a: services.file_with_court(
        by=p.case_worker, assistance_request=a, filed_on=timezone.localdate(),
        case_number="(2026)浙0188民初1号",
    ))  # fmt: skip


def court_decides(ar, p):
    return _do(ar, "record_court_decision", p.case_worker, lambda a: (
        services.record_court_decision(
            by=p.case_worker, assistance_request=a, decision="granted",
            decided_on=timezone.localdate(), relief_amount=Decimal("1000"),
        )
    ))  # fmt: skip


def follow_up(ar, p):
    return _do(ar, "follow_up", p.case_worker, lambda a: services.follow_up(
        by=p.case_worker, assistance_request=a, done_on=timezone.localdate(),
        method="phone", findings="满意", satisfaction=5,
    ))  # fmt: skip


def close(ar, p):
    return _do(ar, "close", p.case_worker, lambda a: services.close(
        by=p.case_worker, assistance_request=a, result="solved", summary="已办结",
        amount_delivered=Decimal("1000"),
    ))  # fmt: skip


def steps_of(kind, *, large=False):
    """The human steps after intake, in order, as (name, function)."""
    steps = [("verify", verify), ("sign_off_first", sign_first)]
    if large:
        steps.append(("sign_off_second", sign_second))
    steps += [("dispatch", dispatch), ("accept", accept), ("deliver", deliver)]
    if kind == Kind.FEE_WAIVER:
        steps += [("file_with_court", file_with_court), ("record_court_decision", court_decides)]
    return [*steps, ("follow_up", follow_up), ("close", close)]


def run(kind, beneficiary, people, *, large=False, stop=None, ending=""):
    """Submit and drive a request up to (not including) the step `stop`, or to the close.

    `ending` is what happens at `stop` instead: "reject", "return" (first-level sign-off),
    "withdraw" (before verification), "cancel" (a leader stops it), "decline" (the team).
    Returns the request and the number of transitions made (the submit counts as one).
    """
    from flows import runner

    ar = submit(kind, beneficiary, people, large=large)
    transitions = 1
    for name, step in steps_of(kind, large=large):
        if name == stop:
            break
        step(ar, people)
        transitions += 1
    if ending == "reject":
        sign_first(ar, people, "reject")
    elif ending == "return":
        sign_first(ar, people, "return")
    elif ending == "decline":
        accept(ar, people, accepted=False)
    elif ending == "withdraw":
        runner.stop(
            by=people.case_worker, assistance_request=ar, reason="申请人撤回", withdraw=True
        )
    elif ending == "cancel":
        runner.stop(by=people.leader, assistance_request=ar, reason="情况已变化")
    transitions += bool(ending)
    return ar, transitions
