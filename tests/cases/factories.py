"""Factories for the registry (areas, users, beneficiaries).

Reuse these from any test; they build valid data the same way the product does:

- ``CountyFactory`` / ``TownFactory`` / ``AreaFactory`` (a village): each level creates the
  levels above it, so ``AreaFactory()`` alone gives a fresh county → town → village chain.
  ``build_area_tree()`` gives a county with several towns and villages in one call.
- ``UserFactory(role=CASE_WORKER, areas=[town])``: a user in a role group, serving areas.
  Every user's password is ``PASSWORD``; the hash is computed once (Argon2 is slow on purpose).
- ``BeneficiaryFactory(area=village, id_number="...")``: registered through
  ``cases.services.register_beneficiary`` (duplicate check, encryption, audit event), with a
  valid, unique ID number whose area prefix and gender agree with the record.
  ``BeneficiaryFactory.build()`` makes an unsaved instance with ``set_id_number`` applied.
"""

from datetime import date, timedelta
from functools import cache
from types import SimpleNamespace

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from cases import services
from cases.idnumber import check_digit, parse_id_number
from cases.models import Area, Beneficiary, User
from cases.roles import CASE_WORKER

PASSWORD = "Test-password-2026"


@cache
def _password_hash():
    return make_password(PASSWORD)


def make_id_number(area_code="330188", born=date(1960, 5, 17), sequence=123):
    """A valid 18-character ID number; odd `sequence` means male, even female."""
    first17 = f"{area_code[:6]}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_digit(first17)


def id_number_ending_in_x(area_code="330188", born=date(1960, 5, 17)):
    """A valid 18-character ID number whose check character is X."""
    for sequence in range(1000):
        number = make_id_number(area_code, born, sequence)
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")  # pragma: no cover - 1 in 11 do


def legacy_id_number(area_code="330188", born=date(1950, 3, 8), sequence=123):
    """A valid 15-digit ID number (old cards: two-digit year, no check digit)."""
    return f"{area_code[:6]}{born:%y%m%d}{sequence % 1000:03d}"


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"{330100 + n % 670000:06d}")
    name = factory.Sequence(lambda n: f"测试县{n}")
    level = Area.Level.COUNTY
    parent = None


class TownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    parent = factory.SubFactory(CountyFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"测试镇{n}")
    level = Area.Level.TOWN


class AreaFactory(factory.django.DjangoModelFactory):
    """A village/community; pass `parent=` a town to place it, or get a new chain."""

    class Meta:
        model = Area

    parent = factory.SubFactory(TownFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"测试村{n}")
    level = Area.Level.VILLAGE


VillageFactory = AreaFactory


def build_area_tree(towns=2, villages_per_town=2):
    """One county with `towns` towns of `villages_per_town` villages each.

    Returns a namespace: county, towns (list), villages (list of lists, per town).
    """
    county = CountyFactory()
    town_list = [TownFactory(parent=county) for _ in range(towns)]
    villages = [[AreaFactory(parent=t) for _ in range(villages_per_town)] for t in town_list]
    return SimpleNamespace(county=county, towns=town_list, villages=villages)


class UserFactory(factory.django.DjangoModelFactory):
    """A user in the group of `role` (a cases.roles name, or None), serving `areas` (a list)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.LazyFunction(_password_hash)
    is_staff = False
    role = CASE_WORKER

    @classmethod
    def _build(cls, model_class, *args, role=None, **kwargs):
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, role=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class BeneficiaryFactory(factory.django.DjangoModelFactory):
    """A registered beneficiary. Pass `id_number=` (a raw string) to choose the number."""

    class Meta:
        model = Beneficiary
        exclude = ("born",)

    area = factory.SubFactory(AreaFactory)
    born = factory.Sequence(lambda n: date(1930, 1, 1) + timedelta(days=(97 * n) % 30000))
    id_number = factory.LazyAttributeSequence(
        lambda o, n: make_id_number(o.area.code, o.born, sequence=n % 1000)
    )
    name = factory.Sequence(lambda n: f"优抚对象{n}")
    gender = factory.LazyAttribute(lambda o: parse_id_number(o.id_number).gender)
    phone = factory.Sequence(lambda n: f"138{n % 10**8:08d}")
    address = factory.LazyAttribute(lambda o: f"{o.area.name}人民路1号")
    category = Beneficiary.Category.RETIRED_SOLDIER
    household_size = 2
    created_by = factory.SubFactory(UserFactory, role=CASE_WORKER)

    @classmethod
    def _build(cls, model_class, *args, id_number, **kwargs):
        beneficiary = model_class(*args, **kwargs)
        beneficiary.set_id_number(parse_id_number(id_number))
        return beneficiary

    @classmethod
    def _create(cls, model_class, *args, id_number, created_by, **kwargs):
        return services.register_beneficiary(
            by=created_by, id_number=parse_id_number(id_number), **kwargs
        )
