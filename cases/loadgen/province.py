"""A province-sized registry: counties, towns, villages, staff, teams and beneficiaries.

Every town is built the same way (a case worker, a team leader with a team of volunteers),
every county has an approver and a leader, so a case recorded in one town can be copied into
any other town by swapping who's who (see `Town.slots`).
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from cases import crypto
from cases.idnumber import check_digit, mask, parse_id_number
from cases.models import Area, Beneficiary, User
from cases.roles import APPROVER, AUDITOR, CASE_WORKER, LEADER, TEAM_LEADER

from .lifecycle import People

PASSWORD = "Load-test-2026"  # noqa: S105 - test data only
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "秀英桂兰玉兰建国建华志强明德海燕丽华春梅国庆永红金凤长生根生福林德胜淑珍凤英卫东"
# Shares of the categories among beneficiaries (as in the demo registry).
CATEGORY_WEIGHTS = {
    "martyr_family": 8,
    "deceased_soldier_family": 6,
    "service_family": 30,
    "conscript_family": 25,
    "disabled_veteran": 15,
    "demobilized_veteran": 12,
    "ill_veteran": 8,
    "retired_soldier": 40,
    "transferred_officer": 6,
    "military_spouse": 20,
    "elderly_alone": 10,
}


@dataclass
class Town:
    area: Area
    county: Area
    villages: list
    people: People
    beneficiaries: list = field(default_factory=list)  # [(id, category, village id)]

    def slots(self):
        """{(model label, pk): slot name} of the shared rows a case in this town uses."""
        p = self.people
        return {
            ("cases.user", p.case_worker.pk): "case_worker",
            ("cases.user", p.approver.pk): "approver",
            ("cases.user", p.leader.pk): "leader",
            ("cases.user", p.team_leader.pk): "team_leader",
            ("volunteers.team", p.team.pk): "team",
            ("cases.area", self.area.pk): "town",
            ("cases.area", self.county.pk): "county",
        }

    def slot_values(self):
        return {slot: pk for (_label, pk), slot in self.slots().items()}


def _user(username, full_name, role, areas, password_hash):
    user = User.objects.create(username=username, full_name=full_name, password=password_hash)
    user.groups.add(Group.objects.get(name=role))
    user.areas.set(areas)
    return user


def build(*, counties, towns_per_county, villages_per_town, seed=2026):
    """Areas, staff and teams; returns the list of towns (the first one records templates)."""
    from volunteers.models import Membership, Team, Volunteer

    rng = random.Random(seed)
    password_hash = make_password(PASSWORD)
    _user("auditor", "审计员", AUDITOR, [], password_hash)
    towns = []
    for c in range(counties):
        county = Area.objects.create(
            code=f"33{c + 1:04d}", name=f"测试县{c + 1}", level=Area.Level.COUNTY
        )
        approver = _user(f"approver{c}", f"审批人{c}", APPROVER, [county], password_hash)
        leader = _user(f"leader{c}", f"领导{c}", LEADER, [county], password_hash)
        for t in range(towns_per_county):
            town_area = Area.objects.create(
                code=f"{county.code}{t + 1:03d}",
                name=f"{county.name}第{t + 1}镇",
                level=Area.Level.TOWN,
                parent=county,
            )
            villages = [
                Area.objects.create(
                    code=f"{town_area.code}{v + 1:03d}",
                    name=f"第{v + 1}村",
                    level=Area.Level.VILLAGE,
                    parent=town_area,
                )
                for v in range(villages_per_town)
            ]
            key = f"{c}_{t}"
            case_worker = _user(f"cw{key}", f"经办人{key}", CASE_WORKER, [town_area], password_hash)
            team_leader = _user(f"tl{key}", f"队长{key}", TEAM_LEADER, [town_area], password_hash)
            team = Team.objects.create(
                name=f"{town_area.name}志愿服务队", kind=Team.Kind.VILLAGE, area=town_area,
                leader=team_leader, capacity=10_000,
            )  # fmt: skip
            for index in range(4):
                volunteer = Volunteer.objects.create(
                    name=random_name(rng),
                    user=team_leader if index == 0 else None,
                    skills=["farming", "repairs"],
                )
                volunteer.areas.add(town_area)
                role = Membership.Role.LEADER if index == 0 else Membership.Role.MEMBER
                Membership.objects.create(team=team, volunteer=volunteer, role=role)
            people = People(case_worker, approver, leader, team_leader, team)
            towns.append(Town(town_area, county, villages, people))
    return towns


def random_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def build_beneficiaries(towns, count, *, seed=2026, batch=5000):
    """`count` beneficiaries spread over the villages, bulk-inserted with real ID numbers
    (check digit, encrypted, keyed hash, masked), as the registration service stores them."""
    rng = random.Random(seed + 1)
    categories, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    used = set()
    pending = []
    for i in range(count):
        town = towns[i % len(towns)]
        village = rng.choice(town.villages)
        category = rng.choices(categories, weights)[0]
        elderly = category in {"demobilized_veteran", "elderly_alone", "martyr_family"}
        age = rng.randint(62, 92) if elderly else rng.randint(22, 70)
        while True:
            born = date(2026, 1, 1) - timedelta(days=age * 365 + rng.randrange(365))
            sequence = rng.randrange(1, 999)
            first17 = f"{town.county.code}{born:%Y%m%d}{sequence:03d}"
            if first17 not in used:
                used.add(first17)
                break
        number = parse_id_number(first17 + check_digit(first17))
        beneficiary = Beneficiary(
            name=random_name(rng), gender="MF"[sequence % 2], area=village,
            address=f"{village.name}{rng.randint(1, 200)}号", category=category,
            household_size=rng.randint(1, 6), lacks_labour=rng.random() < 0.3,
            hardship_living=rng.random() < 0.4, created_by=town.people.case_worker,
            phone=f"139{rng.randrange(10**8):08d}",
        )  # fmt: skip
        beneficiary.id_number_encrypted = crypto.encrypt(number.value)
        beneficiary.id_number_hash = crypto.keyed_hash(number.canonical)
        beneficiary.id_number_masked = mask(number.value)
        beneficiary.birth_date = number.birth_date
        pending.append((town, beneficiary))
        if len(pending) == batch or i == count - 1:
            Beneficiary.objects.bulk_create([b for _t, b in pending])
            for t, b in pending:
                t.beneficiaries.append((b.pk, b.category, b.area_id))
            pending = []
