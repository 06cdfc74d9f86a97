"""Demo registry: a county with towns and villages, people, staff and volunteer teams.

Deterministic (seeded), so screenshots and tests of the demo see the same names each time.
"""

import random
from datetime import date, timedelta

from django.contrib.auth.models import Group

from cases import services
from cases.idnumber import check_digit, parse_id_number
from cases.models import Area, Beneficiary, User
from cases.roles import (
    ADMIN,
    APPROVER,
    AUDITOR,
    CASE_WORKER,
    LEADER,
    TEAM_LEADER,
    VOLUNTEER,
)
from volunteers.models import Membership, Team, Volunteer

DEMO_PASSWORD = "Shuangyong-2026"  # noqa: S105 - published demo login, never in production
COUNTY = ("330188", "临溪县")
TOWNS = {
    "330188001": ("城关镇", ["城东社区", "城西社区", "南门村", "北山村"]),
    "330188002": ("青石镇", ["青石村", "石桥村", "上坞村", "下坞村"]),
    "330188003": ("河湾乡", ["河湾村", "柳塘村", "高坪村"]),
    "330188004": ("东岭街道", ["东岭社区", "新华社区", "岭脚村"]),
}
# (username, full name, role, area codes served)
DEMO_USERS = [
    ("admin", "周海燕", ADMIN, [COUNTY[0]]),
    ("caseworker", "王芳", CASE_WORKER, ["330188001", "330188002"]),
    ("caseworker2", "李强", CASE_WORKER, ["330188003"]),
    ("approver", "张建国", APPROVER, [COUNTY[0]]),
    ("leader", "陈志明", LEADER, [COUNTY[0]]),
    ("teamleader", "刘军", TEAM_LEADER, ["330188001"]),
    ("teamleader2", "黄志刚", TEAM_LEADER, ["330188003"]),
    ("volunteer", "赵磊", VOLUNTEER, ["330188001"]),
    ("auditor", "孙丽", AUDITOR, [COUNTY[0]]),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "秀英桂兰玉兰建国建华志强明德海燕丽华春梅国庆永红金凤长生根生福林德胜淑珍凤英卫东"
ROADS = ["人民路", "解放路", "建设路", "和平街", "胜利路", "青年路"]
CATEGORY_WEIGHTS = {
    Beneficiary.Category.MARTYR_FAMILY: 8,
    Beneficiary.Category.DECEASED_SOLDIER_FAMILY: 6,
    Beneficiary.Category.SERVICE_FAMILY: 30,
    Beneficiary.Category.CONSCRIPT_FAMILY: 25,
    Beneficiary.Category.DISABLED_VETERAN: 15,
    Beneficiary.Category.DEMOBILIZED_VETERAN: 12,
    Beneficiary.Category.ILL_VETERAN: 8,
    Beneficiary.Category.RETIRED_SOLDIER: 40,
    Beneficiary.Category.TRANSFERRED_OFFICER: 6,
    Beneficiary.Category.MILITARY_SPOUSE: 20,
    Beneficiary.Category.ELDERLY_ALONE: 10,
}
TEAMS = [
    ("城关镇拥军优属青年志愿者服务队", Team.Kind.YOUTH, "330188001", 8),
    ("南门村村民便民服务队", Team.Kind.VILLAGE, "330188001003", 4),
    ("青石镇双拥志愿者服务队", Team.Kind.SHUANGYONG, "330188002", 6),
    ("石桥村帮耕帮种服务队", Team.Kind.VILLAGE, "330188002002", 5),
    ("河湾乡村民便民服务队", Team.Kind.VILLAGE, "330188003", 5),
    ("东岭街道司法所法律服务队", Team.Kind.LEGAL, "330188004", 3),
]
# Teams whose leader signs in (a team without one cannot be sent work): index -> username.
TEAM_LEADER_LOGINS = {0: "teamleader", 4: "teamleader2"}


def make_id_number(rng, area_code, born, sequence=None):
    sequence = sequence if sequence is not None else rng.randrange(1, 999)
    first17 = f"{area_code}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


def random_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def build_areas():
    county = Area.objects.create(code=COUNTY[0], name=COUNTY[1], level=Area.Level.COUNTY)
    for town_code, (town_name, villages) in TOWNS.items():
        town = Area.objects.create(
            code=town_code, name=town_name, level=Area.Level.TOWN, parent=county
        )
        for index, village in enumerate(villages, start=1):
            Area.objects.create(
                code=f"{town_code}{index:03d}", name=village, level=Area.Level.VILLAGE, parent=town
            )
    return county


def build_users():
    users = {}
    for username, full_name, role, area_codes in DEMO_USERS:
        user = User.objects.create_user(
            username=username, password=DEMO_PASSWORD, full_name=full_name, is_staff=False
        )
        user.groups.add(Group.objects.get(name=role))
        user.areas.set(Area.objects.filter(code__in=area_codes))
        users[username] = user
    return users


def build_beneficiaries(rng, count, by):
    villages = list(Area.objects.filter(level=Area.Level.VILLAGE))
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    used = set()
    for _ in range(count):
        category = rng.choices(categories, weights)[0]
        elderly = category in {"demobilized_veteran", "elderly_alone", "martyr_family"}
        age = rng.randint(62, 92) if elderly else rng.randint(22, 70)
        born = date(2026, 1, 1) - timedelta(days=age * 365 + rng.randrange(365))
        village = rng.choice(villages)
        gender = rng.choice("MF")
        while True:
            sequence = rng.randrange(1, 499) * 2 + (1 if gender == "M" else 0)
            raw = make_id_number(rng, COUNTY[0], born, sequence % 1000)
            if raw not in used:
                used.add(raw)
                break
        id_number = parse_id_number(raw)
        services.register_beneficiary(
            by=by,
            id_number=id_number,
            name=random_name(rng),
            gender=id_number.gender,
            phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
            area=village,
            address=f"{village.parent.name}{village.name}{rng.choice(ROADS)}{rng.randint(1, 120)}号",
            category=category,
            household_size=rng.randint(1, 6),
            lacks_labour=elderly or rng.random() < 0.3,
            hardship_living=rng.random() < 0.35,
            hardship_housing=rng.random() < 0.15,
            hardship_medical=rng.random() < 0.3,
            notes="",
        )


def build_teams(rng, users):
    skills_pool = ["farming", "legal", "medical", "tutoring", "repairs", "care"]
    for index, (name, kind, area_code, capacity) in enumerate(TEAMS):
        area = Area.objects.get(code=area_code)
        login = TEAM_LEADER_LOGINS.get(index)
        leader_user = users[login] if login else None
        team = Team.objects.create(
            name=name, kind=kind, area=area, capacity=capacity, leader=leader_user
        )
        leader = Volunteer.objects.create(
            name=leader_user.full_name if leader_user else random_name(rng),
            user=leader_user,
            phone=f"139{rng.randrange(10**8):08d}",
            skills=["farming"] if kind != Team.Kind.LEGAL else ["legal"],
        )
        leader.areas.add(area)
        Membership.objects.create(team=team, volunteer=leader, role=Membership.Role.LEADER)
        for member_index in range(rng.randint(4, 7)):
            own_user = users["volunteer"] if index == 0 and member_index == 0 else None
            volunteer = Volunteer.objects.create(
                name=own_user.full_name if own_user else random_name(rng),
                user=own_user,
                phone=f"138{rng.randrange(10**8):08d}",
                skills=rng.sample(skills_pool, rng.randint(1, 3)),
            )
            volunteer.areas.add(area)
            Membership.objects.create(team=team, volunteer=volunteer)


def load(beneficiaries=200, seed=2026):
    rng = random.Random(seed)
    build_areas()
    users = build_users()
    build_beneficiaries(rng, beneficiaries, by=users["caseworker"])
    build_teams(rng, users)
    return users
