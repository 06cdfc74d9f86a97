"""Named personas and the area layout they work in.

One county with two towns, A and B, each with two villages:

    county ─┬─ town_a ─ village_a, village_a2
            └─ town_b ─ village_b, village_b2

Personas (all with the password ``tests.cases.factories.PASSWORD``):

- ``case_worker``     经办人 serving town A
- ``case_worker_b``   经办人 serving town B: must see nothing of town A
- ``approver``        审批人 serving the county
- ``leader``          分管领导 serving the county
- ``auditor``         审计人员: reads everything, changes nothing
- ``team_leader``     队长 serving town A, leader of ``team_a``
- ``volunteer``       志愿者 with a user account, member of ``team_a``
- ``admin``           系统管理员 (role group, not a superuser)

``client_for(user)`` gives a test client signed in as that user (no password round trip).
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from cases.roles import ADMIN, APPROVER, AUDITOR, CASE_WORKER, LEADER, TEAM_LEADER, VOLUNTEER
from tests.cases.factories import AreaFactory, CountyFactory, TownFactory, UserFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory

pytest_plugins = ["tests.browser", "tests.db_support"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """The site menu is cached per user id: ids start again in every test's database."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def areas(db):
    county = CountyFactory(code="330188", name="临溪县")
    town_a = TownFactory(parent=county, code="330188001", name="城关镇")
    town_b = TownFactory(parent=county, code="330188002", name="青石镇")
    return SimpleNamespace(
        county=county,
        town_a=town_a,
        village_a=AreaFactory(parent=town_a, code="330188001001", name="城东社区"),
        village_a2=AreaFactory(parent=town_a, code="330188001002", name="南门村"),
        town_b=town_b,
        village_b=AreaFactory(parent=town_b, code="330188002001", name="青石村"),
        village_b2=AreaFactory(parent=town_b, code="330188002002", name="石桥村"),
    )


@pytest.fixture
def case_worker(areas):
    return UserFactory(username="caseworker_a", role=CASE_WORKER, areas=[areas.town_a])


@pytest.fixture
def case_worker_b(areas):
    return UserFactory(username="caseworker_b", role=CASE_WORKER, areas=[areas.town_b])


@pytest.fixture
def approver(areas):
    return UserFactory(username="approver", role=APPROVER, areas=[areas.county])


@pytest.fixture
def leader(areas):
    return UserFactory(username="leader", role=LEADER, areas=[areas.county])


@pytest.fixture
def auditor(db):
    return UserFactory(username="auditor", role=AUDITOR)


@pytest.fixture
def team_leader(areas):
    return UserFactory(username="teamleader", role=TEAM_LEADER, areas=[areas.town_a])


@pytest.fixture
def team_a(areas, team_leader):
    return TeamFactory(name="城关镇拥军优属青年志愿者服务队", area=areas.town_a, leader=team_leader)


@pytest.fixture
def team_b(areas):
    return TeamFactory(name="青石镇双拥志愿者服务队", area=areas.town_b)


@pytest.fixture
def volunteer(areas, team_a):
    user = UserFactory(username="volunteer", role=VOLUNTEER, areas=[areas.town_a])
    VolunteerFactory(user=user, name=user.full_name, areas=[areas.town_a], teams=[team_a])
    return user


@pytest.fixture
def admin(areas):
    return UserFactory(username="admin", role=ADMIN, areas=[areas.county])


@pytest.fixture
def client_for(db):
    """client_for(user) -> a Client signed in as `user`."""

    def make(user, **defaults):
        client = Client(**defaults)
        client.force_login(user)
        return client

    return make
