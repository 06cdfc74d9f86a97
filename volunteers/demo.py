"""Demo volunteer work on top of the demo registry (cases.demo.registry.load).

    from volunteers.demo import load_work
    load_work()        # after registry.load(); idempotent per demo database

Builds, through the real flows and services (so the history is complete):
- a farming-help request accepted by 城关镇拥军优属青年志愿者服务队, members assigned, one
  activity record with a photo, confirmed by the household: `teamleader` confirms the
  delivery step next, then `caseworker` follows up and closes;
- a money-in-lieu farming request accepted, no payment yet: it cannot close until a payment
  is recorded and acknowledged;
- a one-on-one request accepted, paired with 赵磊 (`volunteer`), visits every 30 days: run
  `manage.py workflow_timers_at --days 38` to see the missed-visit alert.
"""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image

from cases import services as case_services
from cases.models import (
    Beneficiary,
    FarmingHelpDetail,
    FarmingMode,
    HardshipType,
    Kind,
    OneOnOneDetail,
    Season,
    User,
)
from flows import runner

from . import services
from .models import Assignment, Evidence, Team

TEAM = "城关镇拥军优属青年志愿者服务队"
TOWN = "330188001"


def _photo():
    image = Image.new("RGB", (640, 480), (96, 150, 72))
    for x in range(0, 640, 40):  # a few furrows, so it looks like something
        for y in range(480):
            image.putpixel((x, y), (120, 90, 50))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile("田间作业.jpg", buffer.getvalue(), content_type="image/jpeg")


def _accepted(kind, detail, beneficiary, users, team):
    worker, approver = users["caseworker"], users["approver"]
    ar = runner.submit(by=worker, kind=kind, beneficiary=beneficiary, detail=detail)
    today = timezone.localdate()
    runner.perform(
        ar,
        "verify",
        by=worker,
        action=lambda r: case_services.verify(
            by=worker,
            assistance_request=r,
            visit_date=today,
            findings="入户核实，情况属实",
            checklist=[{"item": "户口簿", "received": True}],
            verified=True,
        ),
    )
    runner.perform(
        ar,
        "sign_off_first",
        by=approver,
        action=lambda r: case_services.approve(
            by=approver, assistance_request=r, level=1, comment="同意"
        ),
    )
    runner.perform(
        ar,
        "dispatch",
        by=worker,
        action=lambda r: case_services.dispatch(by=worker, assistance_request=r, team=team),
    )
    runner.perform(
        ar,
        "accept",
        by=team.leader,
        action=lambda r: case_services.accept_dispatch(
            by=team.leader, assistance_request=r, accepted=True
        ),
    )
    assignment = Assignment.objects.get(assistance_request=ar, status=Assignment.Status.OPEN)
    # 赵磊 (the member with a login) first: he becomes the pairing's helper.
    members = list(team.volunteers.order_by(F("user").desc(nulls_last=True), "name")[:3])
    services.assign_members(by=team.leader, assignment=assignment, volunteers=members)
    return ar, assignment, members


def _farming(mode=FarmingMode.LABOUR, amount=Decimal("0")):
    today = timezone.localdate()
    return FarmingHelpDetail(
        season=Season.SUMMER if today.month < 8 else Season.AUTUMN,
        crops="水稻",
        area_mu=Decimal("3.5"),
        tasks="收割、插秧",
        window_start=today - timedelta(days=2),
        window_end=today + timedelta(days=20),
        person_days=Decimal("6"),
        mode=mode,
        money_amount=amount,
    )


@transaction.atomic
def load_work():
    if Evidence.objects.exists():  # photos come only from here: loaded already
        return
    users = {u.username: u for u in User.objects.filter(username__in=["caseworker", "approver"])}
    team = Team.objects.select_related("leader").get(name=TEAM)
    households = list(
        Beneficiary.objects.filter(area__path__startswith=f"/330188/{TOWN}/").order_by("pk")[:3]
    )
    # 1. Farming help: worked, photographed, confirmed by the household.
    _ar, assignment, members = _accepted(Kind.FARMING_HELP, _farming(), households[0], users, team)
    record = services.log_activity(
        by=members[0].user or team.leader,
        assignment=assignment,
        date=timezone.localdate(),
        work_done="收割水稻 1.5 亩",
        participants=[(m, Decimal("5")) for m in members],
        mu_by_task={"收割": Decimal("1.5")},
        notes="天气晴",
        photos=[_photo()],
    )
    services.confirm_activity(by=team.leader, record=record, confirmed_by_name="户主本人")
    # 2. Money in lieu: accepted, waiting for the payment and its acknowledgement.
    _accepted(
        Kind.FARMING_HELP,
        _farming(FarmingMode.MONEY, Decimal("600")),
        households[1],
        users,
        team,
    )
    # 3. One-on-one pairing with visits every 30 days.
    today = timezone.localdate()
    _accepted(
        Kind.ONE_ON_ONE,
        OneOnOneDetail(
            need="独居老人，缺少生产和生活照料",
            hardship_type=HardshipType.LIVING,
            project="种植蔬菜增收",
            help_labour=True,
            help_know_how=True,
            term_start=today,
            term_end=today + timedelta(days=365),
            visit_interval_days=30,
            target_result="年增收3000元，每月上门一次",
        ),
        households[2],
        users,
        team,
    )
