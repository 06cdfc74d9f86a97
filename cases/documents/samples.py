"""Sample cases of every kind, built through the services as real users would.

Used by `render_sample_documents` (inside a transaction it rolls back, so the demo database
keeps only what it had) and by the document tests.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from .. import services
from ..models import (
    AssistanceRequest,
    ClaimType,
    FarmingHelpDetail,
    FarmingMode,
    FeeWaiverDetail,
    FollowUp,
    HardshipType,
    Kind,
    OneOnOneDetail,
    Outcome,
    Relief,
    Season,
)


@dataclass
class SampleCases:
    fee_waiver: AssistanceRequest  # closed after the court's decision
    one_on_one: AssistanceRequest  # two sign-offs, delivered, followed up, closed
    farming_help: AssistanceRequest  # accepted by the team, in delivery
    rejected: AssistanceRequest  # rejected with reasons


def _verify(case_worker, assistance_request, days_ago, findings, items):
    services.verify(
        by=case_worker,
        assistance_request=assistance_request,
        visit_date=timezone.localdate() - timedelta(days=days_ago),
        findings=findings,
        checklist=[{"item": item, "received": True} for item in items],
        verified=True,
    )


def _deliver(team, assistance_request, *, days_ago, hours, work_done, case_worker):
    services.dispatch(
        by=case_worker, assistance_request=assistance_request, team=team, note="请按期完成。"
    )
    services.accept_dispatch(by=team.leader, assistance_request=assistance_request, accepted=True)
    if days_ago is None:
        return
    services.record_delivery(
        by=team.leader,
        assistance_request=assistance_request,
        delivered_on=timezone.localdate() - timedelta(days=days_ago),
        hours=hours,
        work_done=work_done,
    )


def fee_waiver_case(*, case_worker, approver, team, beneficiary):
    today = timezone.localdate()
    assistance_request = services.submit_request(
        by=case_worker,
        kind=Kind.FEE_WAIVER,
        beneficiary=beneficiary,
        summary="因房屋租赁合同纠纷起诉，申请减交诉讼费用",
        detail=FeeWaiverDetail(
            court="临溪县人民法院",
            case_number="",
            claim_type=ClaimType.OTHER,
            fee_amount=Decimal("3850.00"),
            relief_sought=Relief.REDUCE,
            reduction_percent=50,
            hardship_evidence="户口簿复印件\n优抚证复印件\n村（社区）出具的家庭经济困难证明\n医疗费用票据",
        ),
    )
    _verify(
        case_worker,
        assistance_request,
        9,
        "申请人家庭人口三人，老伴常年患病，月均收入不足一千五百元，所述情况属实。",
        ["户口簿", "身份证", "优抚证", "家庭经济困难证明"],
    )
    services.approve(
        by=approver, assistance_request=assistance_request, level=1, comment="情况属实，同意。"
    )
    _deliver(
        team,
        assistance_request,
        days_ago=7,
        hours="3.5",
        work_done="法律服务志愿者协助整理证据、填写申请书。",
        case_worker=case_worker,
    )
    services.file_with_court(
        by=case_worker,
        assistance_request=assistance_request,
        filed_on=today - timedelta(days=6),
        case_number=f"（{today.year}）浙1188民初{assistance_request.pk}号",
    )
    services.record_court_decision(
        by=case_worker,
        assistance_request=assistance_request,
        decision="granted",
        decided_on=today - timedelta(days=3),
        relief_amount=Decimal("1925.00"),
    )
    _follow_up_and_close(case_worker, assistance_request, Decimal("1925.00"))
    return assistance_request


def one_on_one_case(*, case_worker, approver, leader, team, beneficiary):
    today = timezone.localdate()
    assistance_request = services.submit_request(
        by=case_worker,
        kind=Kind.ONE_ON_ONE,
        beneficiary=beneficiary,
        summary="缺少发展资金和技术，申请结对帮扶发展茶叶种植",
        detail=OneOnOneDetail(
            need="家中有茶园四亩，缺少资金更新茶苗，缺少采摘和加工技术。",
            hardship_type=HardshipType.LIVING,
            project="茶园改造与春茶加工",
            help_funds=True,
            help_labour=True,
            help_know_how=True,
            funds_amount=Decimal("6000.00"),
            term_start=today - timedelta(days=20),
            term_end=today - timedelta(days=20) + timedelta(days=364),
            visit_interval_days=30,
            target_result="年内茶叶收入增加三千元以上；掌握春茶加工技术；帮助解决生活困难。",
        ),
    )
    _verify(
        case_worker,
        assistance_request,
        15,
        "茶园面积约四亩，茶苗老化，户主年老体弱，情况属实。",
        ["户口簿", "身份证", "优抚证"],
    )
    services.approve(by=approver, assistance_request=assistance_request, level=1, comment="同意。")
    services.approve(
        by=leader, assistance_request=assistance_request, level=2, comment="同意，按期走访。"
    )
    _deliver(
        team,
        assistance_request,
        days_ago=5,
        hours="12",
        work_done="送去茶苗三百株、有机肥十袋，帮助补种，讲解修剪技术。",
        case_worker=case_worker,
    )
    _follow_up_and_close(case_worker, assistance_request, Decimal("6000.00"))
    return assistance_request


def farming_help_case(*, case_worker, approver, team, beneficiary):
    today = timezone.localdate()
    assistance_request = services.submit_request(
        by=case_worker,
        kind=Kind.FARMING_HELP,
        beneficiary=beneficiary,
        summary="家中缺少劳力，申请帮助秋收秋种",
        detail=FarmingHelpDetail(
            season=Season.AUTUMN,
            crops="水稻、油菜",
            area_mu=Decimal("3.5"),
            tasks="收割水稻、翻耕、播种油菜",
            window_start=today + timedelta(days=3),
            window_end=today + timedelta(days=17),
            person_days=Decimal("6"),
            mode=FarmingMode.LABOUR,
        ),
    )
    _verify(
        case_worker,
        assistance_request,
        4,
        "户主年逾七十，子女在外务工，家中缺少劳力，水稻即将成熟。",
        ["户口簿", "身份证"],
    )
    services.approve(by=approver, assistance_request=assistance_request, level=1, comment="同意。")
    _deliver(
        team, assistance_request, days_ago=None, hours=0, work_done="", case_worker=case_worker
    )
    return assistance_request


def rejected_case(*, case_worker, approver, beneficiary):
    assistance_request = services.submit_request(
        by=case_worker,
        kind=Kind.FARMING_HELP,
        beneficiary=beneficiary,
        summary="申请帮助夏收夏种",
        detail=FarmingHelpDetail(
            season=Season.SUMMER,
            crops="小麦",
            area_mu=Decimal("1.5"),
            tasks="收割",
            window_start=timezone.localdate() + timedelta(days=5),
            window_end=timezone.localdate() + timedelta(days=12),
            person_days=Decimal("2"),
            mode=FarmingMode.LABOUR,
        ),
    )
    _verify(
        case_worker,
        assistance_request,
        2,
        "户内有两名青壮年劳力在家务农，农忙时可自行完成收割。",
        ["户口簿"],
    )
    services.reject(
        by=approver,
        assistance_request=assistance_request,
        level=1,
        comment="经调查核实，申请人家中有两名青壮年劳动力在家务农，不属于缺劳家庭，"
        "不符合帮耕帮种的条件。",
    )
    return assistance_request


def _follow_up_and_close(case_worker, assistance_request, amount):
    services.follow_up(
        by=case_worker,
        assistance_request=assistance_request,
        done_on=timezone.localdate(),
        method=FollowUp.Method.VISIT,
        findings="上门回访，对象对帮扶工作表示满意。",
        satisfaction=5,
    )
    services.close(
        by=case_worker,
        assistance_request=assistance_request,
        result=Outcome.Result.SOLVED,
        summary="帮扶事项已办结，困难得到解决。",
        amount_delivered=amount,
    )


def build_sample_cases(*, case_worker, approver, leader, team, beneficiaries):
    """One case of each kind (plus a rejection); `beneficiaries`: four the worker may see."""
    first, second, third, fourth = beneficiaries[:4]
    return SampleCases(
        fee_waiver=fee_waiver_case(
            case_worker=case_worker, approver=approver, team=team, beneficiary=first
        ),
        one_on_one=one_on_one_case(
            case_worker=case_worker,
            approver=approver,
            leader=leader,
            team=team,
            beneficiary=second,
        ),
        farming_help=farming_help_case(
            case_worker=case_worker, approver=approver, team=team, beneficiary=third
        ),
        rejected=rejected_case(case_worker=case_worker, approver=approver, beneficiary=fourth),
    )
