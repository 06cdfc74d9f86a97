"""Building requests in any stage by driving the real services and flows."""

from datetime import date, timedelta
from decimal import Decimal

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
from flows import runner, steps


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


# The steps themselves live in product code (the demo data uses them too).
verify = steps.verify
sign = steps.sign
answer = steps.answer
dispatch = steps.dispatch
accept = steps.accept
deliver = steps.deliver
file_with_court = steps.file_with_court
court_decides = steps.court_decides
follow_up = steps.follow_up
close = steps.close
