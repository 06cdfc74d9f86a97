"""Building requests in any stage by driving the real services and flows."""

from datetime import date, timedelta
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
from flows import runner


def fee_waiver_detail(**overrides):
    values = {
        "court": "临溪县人民法院",
        "claim_type": ClaimType.OTHER,
        "fee_amount": Decimal("2000"),
        "relief_sought": Relief.REDUCE,
        "reduction_percent": 50,
        "hardship_evidence": "低收入证明",
    }
    return FeeWaiverDetail(**{**values, **overrides})


def one_on_one_detail(**overrides):
    today = date(2026, 3, 1)
    values = {
        "need": "缺少生产资金",
        "hardship_type": HardshipType.LIVING,
        "project": "养殖湖羊",
        "help_funds": True,
        "funds_amount": Decimal("3000"),
        "term_start": today,
        "term_end": today + timedelta(days=365),
        "visit_interval_days": 30,
        "target_result": "年增收5000元",
    }
    return OneOnOneDetail(**{**values, **overrides})


def farming_help_detail(**overrides):
    values = {
        "season": Season.SUMMER,
        "crops": "水稻",
        "area_mu": Decimal("3.5"),
        "tasks": "收割、插秧",
        "window_start": date(2026, 5, 25),
        "window_end": date(2026, 6, 15),
        "person_days": Decimal("6"),
        "mode": FarmingMode.LABOUR,
    }
    return FarmingHelpDetail(**{**values, **overrides})


DETAILS = {
    Kind.FEE_WAIVER: fee_waiver_detail,
    Kind.ONE_ON_ONE: one_on_one_detail,
    Kind.FARMING_HELP: farming_help_detail,
}


def submit(kind, *, by, beneficiary, override_reason="", **detail):
    return runner.submit(
        by=by,
        kind=kind,
        beneficiary=beneficiary,
        detail=DETAILS[kind](**detail),
        override_reason=override_reason,
    )


def verify(assistance_request, *, by, verified=True):
    return runner.perform(
        assistance_request,
        "verify",
        by=by,
        action=lambda ar: services.verify(
            by=by,
            assistance_request=ar,
            visit_date=timezone.localdate(),
            findings="入户核实属实",
            checklist=[
                {"item": "户口簿", "received": True},
                {"item": "困难证明", "received": False},
            ],
            verified=verified,
        ),
    )


def sign(assistance_request, *, by, level=1, decision="approve", comment="同意"):
    node = "sign_off_first" if level == 1 else "sign_off_second"
    call = {
        "approve": services.approve,
        "reject": services.reject,
        "return": services.return_for_info,
    }
    return runner.perform(
        assistance_request,
        node,
        by=by,
        action=lambda ar: call[decision](
            by=by, assistance_request=ar, level=level, comment=comment
        ),
    )


def answer(assistance_request, *, by, level=1):
    node = "answer_first" if level == 1 else "answer_second"
    return runner.perform(
        assistance_request,
        node,
        by=by,
        action=lambda ar: services.answer_return(by=by, assistance_request=ar, answer="已补充材料"),
    )


def dispatch(assistance_request, *, by, team):
    return runner.perform(
        assistance_request,
        "dispatch",
        by=by,
        action=lambda ar: services.dispatch(by=by, assistance_request=ar, team=team),
    )


def accept(assistance_request, *, by, accepted=True):
    return runner.perform(
        assistance_request,
        "accept",
        by=by,
        action=lambda ar: services.accept_dispatch(
            by=by, assistance_request=ar, accepted=accepted, reason="" if accepted else "人手不足"
        ),
    )


def deliver(assistance_request, *, by):
    return runner.perform(
        assistance_request,
        "deliver",
        by=by,
        action=lambda ar: services.record_delivery(
            by=by,
            assistance_request=ar,
            delivered_on=timezone.localdate(),
            hours=Decimal("4"),
            work_done="完成",
        ),
    )


def file_with_court(assistance_request, *, by):
    return runner.perform(
        assistance_request,
        "file_with_court",
        by=by,
        action=lambda ar: services.file_with_court(
            by=by,
            assistance_request=ar,
            filed_on=timezone.localdate(),
            case_number="(2026)浙0188民初1号",
        ),
    )


def court_decides(assistance_request, *, by, decision="granted"):
    return runner.perform(
        assistance_request,
        "record_court_decision",
        by=by,
        action=lambda ar: services.record_court_decision(
            by=by,
            assistance_request=ar,
            decision=decision,
            decided_on=timezone.localdate(),
            relief_amount=Decimal("1000"),
        ),
    )


def follow_up(assistance_request, *, by):
    return runner.perform(
        assistance_request,
        "follow_up",
        by=by,
        action=lambda ar: services.follow_up(
            by=by,
            assistance_request=ar,
            done_on=timezone.localdate(),
            method="phone",
            findings="满意",
            satisfaction=5,
        ),
    )


def close(assistance_request, *, by):
    return runner.perform(
        assistance_request,
        "close",
        by=by,
        action=lambda ar: services.close(
            by=by,
            assistance_request=ar,
            result="solved",
            summary="已办结",
            amount_delivered=Decimal("1000"),
        ),
    )
