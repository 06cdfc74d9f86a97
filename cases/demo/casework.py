"""Demo casework: requests of every kind in every stage, made by driving the real flows.

Each request is registered with `flows.runner.submit` and moved on with `flows.steps` (the
calls the task pages make: lock, the node's permission and four-eyes rules, the service, the
flow moving on), each step by the demo user whose job it is: the case worker (王芳, or 李强
in 河湾乡) registers, verifies, dispatches, files, follows up and closes; 张建国 gives the
first-level sign-off; 陈志明 the second and any cancellation; the team leader (刘军, or 黄志刚
in 河湾乡) answers for the team. Seeded, so every load tells the same story.

Everything happens now: the case history keeps real times. To show overdue work, a few open
steps get their deadlines moved back afterwards (workflow bookkeeping only, never the case
history) and the timers are fired, so reminders and escalations reach the inboxes.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from cases import eligibility
from cases.models import (
    ClaimType,
    CourtDecision,
    FarmingHelpDetail,
    FarmingMode,
    FeeWaiverDetail,
    HardshipType,
    Kind,
    OneOnOneDetail,
    Outcome,
    Relief,
    Season,
)
from cases.selectors import beneficiaries_visible_to
from flows import runner, steps
from volunteers.models import Team

FEE, PAIR, FARM = Kind.FEE_WAIVER, Kind.ONE_ON_ONE, Kind.FARMING_HELP
# Where each case worker sends work, and who answers for that team.
TEAM_OF = {"caseworker": "城关镇拥军优属青年志愿者服务队", "caseworker2": "河湾乡村民便民服务队"}


@dataclass(frozen=True)
class Plan:
    """One demo request: how far it gets and what happens there.

    `stop` is the step it waits at (None: it runs to the close); `ending` is what happens at
    that step instead: "return", "answered" (returned, then answered: back with the
    approver), "reject", "withdraw", "cancel" or "decline" (the team says no).
    """

    kind: str
    stop: str | None
    ending: str = ""
    worker: str = "caseworker"
    large: bool = False  # at or above the threshold (or an exemption): second-level sign-off
    result: str = Outcome.Result.SOLVED
    taken: bool = False  # the waiting step has been taken from the queue into an inbox
    overdue_days: int = 0


def _every_stage(kind, *, taken=(), overdue=None):
    """One request waiting at each step, one closed with each result, one per way out.

    `taken`: steps whose task is taken into an inbox; `overdue`: {step: days overdue}.
    """
    overdue = overdue or {}

    def waiting(stop, **kwargs):
        return Plan(kind, stop, taken=stop in taken, overdue_days=overdue.get(stop, 0), **kwargs)

    return [
        waiting("verify"),
        waiting("sign1"),
        Plan(kind, "sign1", "return"),
        waiting("sign2", large=True),
        waiting("dispatch"),
        waiting("accept"),
        waiting("deliver"),
        *([waiting("file"), waiting("court")] if kind == FEE else []),
        waiting("follow_up"),
        waiting("close"),
        Plan(kind, None, result=Outcome.Result.SOLVED),
        Plan(kind, None, result=Outcome.Result.PARTLY),
        Plan(kind, None, result=Outcome.Result.NOT_SOLVED),
        Plan(kind, "sign1", "reject"),
        Plan(kind, "sign1", "withdraw"),
        Plan(kind, "deliver", "cancel"),
    ]


PLANS = [
    # The verification is reminded, then escalated to the leader.
    *_every_stage(FEE, taken={"verify"}, overdue={"verify": 12}),
    *_every_stage(PAIR, taken={"sign1"}, overdue={"sign1": 4}),
    *_every_stage(FARM, taken={"sign2"}, overdue={"follow_up": 20}),
    Plan(FEE, "sign2", "return", large=True),
    Plan(PAIR, "sign2", "answered", large=True),  # back in the leader's inbox
    Plan(PAIR, "sign2", "reject", large=True),
    Plan(FARM, "sign1", "answered"),  # back in the approver's inbox
    Plan(FARM, "accept", "decline"),  # the team said no: back to dispatch
    # 河湾乡: another case worker, another team; 王芳 must see none of it.
    Plan(FARM, "verify", worker="caseworker2", overdue_days=7),
    Plan(PAIR, "sign1", worker="caseworker2"),
    Plan(FEE, "sign1", "return", worker="caseworker2"),
    Plan(FARM, "dispatch", worker="caseworker2"),
    Plan(PAIR, "deliver", worker="caseworker2"),
    Plan(FARM, "follow_up", worker="caseworker2"),
    Plan(FARM, None, worker="caseworker2"),
]


def path_of(plan):
    """The steps of the request's whole way, in order."""
    path = ["verify", "sign1", *(["sign2"] if plan.large else []), "dispatch", "accept"]
    path += ["deliver", *(["file", "court"] if plan.kind == FEE else []), "follow_up", "close"]
    return path


# What the people write ----------------------------------------------------------------

FEE_CLAIMS = {
    ClaimType.PENSION: "追索抚恤金纠纷",
    ClaimType.SUPPORT: "追索赡养费纠纷",
    ClaimType.ACCIDENT: "机动车交通事故责任纠纷",
    ClaimType.ECONOMIC_COMPENSATION: "劳动争议（经济补偿金）",
    ClaimType.SOCIAL_INSURANCE: "追索工伤保险待遇纠纷",
    ClaimType.OTHER: "房屋租赁合同纠纷",
}
PROJECTS = [
    ("养殖湖羊", "缺少购买种羊的资金", "年出栏湖羊20只，增收8000元"),
    ("种植高山蔬菜", "有地无资金、缺技术", "种植高山蔬菜3亩，年增收6000元"),
    ("扩种茶园", "茶园老化，缺少改造资金", "改造茶园2亩，年增收5000元"),
    ("养殖土鸡", "缺少鸡苗和防疫知识", "年出栏土鸡500羽，增收7000元"),
    ("种植香菇", "缺少菌棒和大棚", "种植香菇5000棒，年增收9000元"),
]
CROPS = [
    ("晚稻", "收割、晒谷"),
    ("冬小麦", "翻耕、播种"),
    ("油菜", "育苗、移栽"),
    ("玉米", "收获、秸秆还田"),
]
FINDINGS = [
    "入户核实：家庭情况与申请所述一致，优抚证件齐全。",
    "入户走访并向村委会了解，家庭确有困难，情况属实。",
    "经入户调查、邻里走访，申请事项属实。",
]
FOLLOW_UPS = {
    Outcome.Result.SOLVED: ("上门回访：对象对帮扶效果满意，困难已解决。", 5),
    Outcome.Result.PARTLY: ("电话回访：困难有所缓解，仍需持续关注。", 4),
    Outcome.Result.NOT_SOLVED: ("上门回访：困难尚未解决，对象表示理解。", 3),
}
SUMMARIES = {
    Outcome.Result.SOLVED: "帮扶事项已全部完成，困难已解决，予以结案。",
    Outcome.Result.PARTLY: "帮扶事项部分完成，困难部分解决，转入日常走访，予以结案。",
    Outcome.Result.NOT_SOLVED: "经多方努力困难仍未解决，已转民政部门跟进，予以结案。",
}
COURT = {
    Outcome.Result.SOLVED: CourtDecision.GRANTED,
    Outcome.Result.PARTLY: CourtDecision.PARTLY,
    Outcome.Result.NOT_SOLVED: CourtDecision.REFUSED,
}
WORK_DONE = {
    FEE: "协助整理缓减免申请及困难证明材料，陪同当事人到法院立案窗口。",
    PAIR: "结对帮扶人上门，送去资金和技术指导，帮助制定生产计划。",
    FARM: "组织队员带农机下田，按期完成农活，户主当场确认。",
}


def fee_detail(rng, beneficiary, plan):
    """A fee relief application; asks for what the rules suggest (or defers, with a reason)."""
    if plan.large:
        claim = rng.choice([ClaimType.PENSION, ClaimType.SUPPORT])  # exemption: always level 2
    else:
        claim = rng.choice(
            [c for c in FEE_CLAIMS if c not in (ClaimType.PENSION, ClaimType.SUPPORT)]
        )
    detail = FeeWaiverDetail(
        court="临溪县人民法院",
        claim_type=claim,
        fee_amount=Decimal(rng.choice([850, 1200, 1850, 2600, 3300, 4200])),
        hardship_evidence="村委会出具的家庭经济困难证明；优抚证复印件。",
    )
    suggestion = eligibility.suggest_fee_relief(category=beneficiary.category, claim_type=claim)
    detail.relief_sought = suggestion.relief or Relief.DEFER
    if detail.relief_sought == Relief.REDUCE:
        detail.reduction_percent = rng.choice([30, 50, 70])
    override = "" if suggestion.relief else "家庭经济确有困难，先申请缓交。"
    return detail, f"{FEE_CLAIMS[claim]}，申请诉讼费{detail.get_relief_sought_display()}", override


def pair_detail(rng, beneficiary, plan):
    project, need, target = rng.choice(PROJECTS)
    finishing = plan.stop in (None, "close", "follow_up")
    start = date(2025, 12, 1) if finishing else date(2026, 12, 1)
    detail = OneOnOneDetail(
        need=need,
        hardship_type=rng.choice([HardshipType.LIVING, HardshipType.LABOUR]),
        project=project,
        help_funds=True,
        help_labour=rng.random() < 0.5,
        help_know_how=True,
        funds_amount=Decimal(rng.choice([6000, 8000]) if plan.large else rng.choice([2000, 3000])),
        term_start=start,
        term_end=start.replace(year=start.year + 1) - timedelta(days=1),
        visit_interval_days=30,
        target_result=target,
    )
    return detail, f"一助一结对：{project}", ""


def farm_detail(rng, beneficiary, plan):
    crops, tasks = rng.choice(CROPS)
    area = Decimal(rng.choice(["2.5", "3.0", "4.5", "6.0"]))
    money = plan.large or rng.random() < 0.25
    detail = FarmingHelpDetail(
        season=Season.AUTUMN,
        crops=crops,
        area_mu=area,
        tasks=tasks,
        window_start=date(2026, 11, 10),
        window_end=date(2026, 12, 10),
        person_days=(area * Decimal("1.5")).quantize(Decimal("0.1")),
        mode=FarmingMode.MONEY if money else FarmingMode.LABOUR,
        money_amount=Decimal(5200 if plan.large else 1200) if money else Decimal("0"),
    )
    how = "以资代劳" if money else "帮耕帮种"
    return detail, f"秋收秋种{how}：{crops}{area}亩", ""


DETAILS = {FEE: fee_detail, PAIR: pair_detail, FARM: farm_detail}


# Driving one request ------------------------------------------------------------------


class Story:
    """One request's way through its flow, told by the demo users."""

    def __init__(self, rng, plan, users, beneficiary):
        self.rng, self.plan = rng, plan
        self.worker = users[plan.worker]
        self.approver, self.leader = users["approver"], users["leader"]
        self.team = Team.objects.get(name=TEAM_OF[plan.worker])
        self.team_leader = self.team.leader
        detail, summary, override = DETAILS[plan.kind](rng, beneficiary, plan)
        self.assistance_request = runner.submit(
            by=self.worker,
            kind=plan.kind,
            beneficiary=beneficiary,
            detail=detail,
            summary=summary,
            override_reason=override,
        )

    def actor(self, step):
        if step == "sign1":
            return self.approver
        if step == "sign2":
            return self.leader
        if step in ("accept", "deliver"):
            return self.team_leader
        return self.worker

    def tell(self):
        for step in path_of(self.plan):
            if step == self.plan.stop:
                self.end_at(step)
                return self.assistance_request
            getattr(self, f"do_{step}")()
        return self.assistance_request

    def end_at(self, step):
        ar, ending = self.assistance_request, self.plan.ending
        level = 2 if step == "sign2" else 1
        if ending in ("return", "answered"):
            steps.sign(
                ar,
                by=self.actor(step),
                level=level,
                decision="return",
                comment="请补充村委会出具的困难证明原件和家庭收入情况说明。",
            )
            if ending == "answered":
                steps.answer(
                    ar, by=self.worker, level=level, text="已补充困难证明原件及收入情况说明。"
                )
        elif ending == "reject":
            steps.sign(
                ar,
                by=self.actor(step),
                level=level,
                decision="reject",
                comment="经核实，家庭人均收入高于当地困难标准，不符合帮扶条件。",
            )
        elif ending == "withdraw":
            runner.stop(
                by=self.worker, assistance_request=ar, reason="申请人困难已自行解决，申请撤回。",
                withdraw=True,
            )  # fmt: skip
        elif ending == "cancel":
            runner.stop(
                by=self.leader, assistance_request=ar, reason="对象户籍已迁出本县，经研究撤销。"
            )
        elif ending == "decline":
            steps.accept(ar, by=self.team_leader, accepted=False, reason="秋种期间人手已满。")
        elif self.plan.taken:
            steps.take(ar, NODES[step], by=self.actor(step))

    # One method per step ----------------------------------------------------------------

    def do_verify(self):
        steps.verify(
            self.assistance_request,
            by=self.worker,
            findings=self.rng.choice(FINDINGS),
            checklist=[
                {"item": "身份证、户口簿", "received": True},
                {"item": "优抚证明", "received": True},
                {"item": "经济困难证明", "received": self.rng.random() < 0.8},
            ],
        )

    def do_sign1(self):
        steps.sign(self.assistance_request, by=self.approver, comment="情况属实，同意帮扶。")

    def do_sign2(self):
        steps.sign(self.assistance_request, by=self.leader, level=2, comment="同意。")

    def do_dispatch(self):
        steps.dispatch(
            self.assistance_request, by=self.worker, team=self.team, note="请于一周内联系对象。"
        )

    def do_accept(self):
        steps.accept(self.assistance_request, by=self.team_leader)

    def do_deliver(self):
        if self.plan.kind == FARM and self.assistance_request.farming_help.mode == "money":
            self.pay_in_lieu()
        hours = Decimal(self.rng.choice([4, 6, 8, 12]))
        steps.deliver(
            self.assistance_request,
            by=self.team_leader,
            hours=hours,
            work_done=WORK_DONE[self.plan.kind],
        )

    def pay_in_lieu(self):
        """以资代劳: the unit pays and the household signs for it, before the delivery."""
        from volunteers import services as volunteer_services

        ar = self.assistance_request
        payment = volunteer_services.record_payment(
            by=self.worker,
            assistance_request=ar,
            amount=ar.amount,
            paying_unit="临溪县退役军人事务局",
            paid_on=timezone.localdate(),
            receipt_number=f"YZDL-2026-{ar.pk:04d}",
        )
        volunteer_services.acknowledge_payment(
            by=self.worker,
            payment=payment,
            acknowledged_by_name=ar.beneficiary.name,
            acknowledged_on=timezone.localdate(),
        )

    def do_file(self):
        number = 300 + self.assistance_request.pk
        steps.file_with_court(
            self.assistance_request, by=self.worker, case_number=f"(2026)浙0188民初{number}号"
        )

    def do_court(self):
        detail = self.assistance_request.fee_waiver
        decision = COURT[self.plan.result]
        relief = {
            CourtDecision.GRANTED: detail.relief_value(),
            CourtDecision.PARTLY: (detail.relief_value() / 2).quantize(Decimal("0.01")),
            CourtDecision.REFUSED: Decimal("0"),
        }[decision]
        steps.court_decides(
            self.assistance_request, by=self.worker, decision=decision, relief_amount=relief
        )

    def do_follow_up(self):
        findings, satisfaction = FOLLOW_UPS[self.plan.result]
        steps.follow_up(
            self.assistance_request,
            by=self.worker,
            method="visit" if satisfaction != 4 else "phone",
            findings=findings,
            satisfaction=satisfaction,
        )

    def do_close(self):
        ar = self.assistance_request
        if ar.kind == FEE:
            delivered = ar.fee_waiver.court_relief_amount or Decimal("0")
        elif self.plan.result == Outcome.Result.NOT_SOLVED:
            delivered = Decimal("0")
        else:
            delivered = ar.amount
        steps.close(
            ar,
            by=self.worker,
            result=self.plan.result,
            summary=SUMMARIES[self.plan.result],
            amount_delivered=delivered,
        )


NODES = {
    "verify": "verify",
    "sign1": "sign_off_first",
    "sign2": "sign_off_second",
    "dispatch": "dispatch",
    "accept": "accept",
    "deliver": "deliver",
    "file": "file_with_court",
    "court": "record_court_decision",
    "follow_up": "follow_up",
    "close": "close",
}


# Deadlines ----------------------------------------------------------------------------


def make_overdue(assistance_request, days):
    """Move the open step's dates `days` back, with its timers (bookkeeping, not history)."""
    task = runner.open_task(assistance_request)
    delta = timedelta(days=days)
    data = dict(task.data)
    for key in ("due", "escalate_at"):
        data[key] = (parse_datetime(data[key]) - delta).isoformat()
    Task.objects.filter(pk=task.pk).update(data=data, created=task.created - delta)
    Task.objects.filter(previous=task, status=STATUS.SCHEDULED).update(
        scheduled=F("scheduled") - delta
    )


# Loading ------------------------------------------------------------------------------


def _beneficiary_pools(rng, users):
    """Per case worker, the beneficiaries of their areas in a seeded order."""
    pools = {}
    for username in {plan.worker for plan in PLANS}:
        people = list(beneficiaries_visible_to(users[username]).order_by("pk"))
        rng.shuffle(people)
        pools[username] = people
    return pools


def _pick(pool, plan):
    """The next suitable person: farming help goes to households that lack labour."""
    for index, person in enumerate(pool):
        if plan.kind != FARM or person.lacks_labour:
            return pool.pop(index)
    return pool.pop(0)


def load(users, seed=2026):
    """Create the demo requests; returns them in the order of PLANS."""
    rng = random.Random(seed)
    pools = _beneficiary_pools(rng, users)
    made = []
    for plan in PLANS:
        beneficiary = _pick(pools[plan.worker], plan)
        made.append(Story(rng, plan, users, beneficiary).tell())
    for plan, assistance_request in zip(PLANS, made, strict=True):
        if plan.overdue_days:
            make_overdue(assistance_request, plan.overdue_days)
    fire_due_timers()  # reminders and escalations of the overdue steps
    return made
