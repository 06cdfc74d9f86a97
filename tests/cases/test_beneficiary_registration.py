"""Registering beneficiaries: duplicates, encryption at rest, masked display, audit event."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from cases import services
from cases.errors import DomainError
from cases.idnumber import parse_id_number
from cases.models import Beneficiary, CaseEvent
from tests.cases.factories import (
    BeneficiaryFactory,
    id_number_ending_in_x,
    legacy_id_number,
    make_id_number,
)

pytestmark = pytest.mark.django_db

RAW = make_id_number("330188", date(1958, 8, 1), 131)


def register(by, area, raw, **extra):
    parsed = parse_id_number(raw)
    data = {
        "name": "王秀英",
        "gender": parsed.gender,
        "phone": "13800000000",
        "area": area,
        "address": "人民路1号",
        "category": Beneficiary.Category.MARTYR_FAMILY,
        **extra,
    }
    return services.register_beneficiary(by=by, id_number=parsed, **data)


def test_register_stores_masked_number_birth_date_and_an_audit_event(case_worker, areas):
    beneficiary = register(case_worker, areas.village_a, RAW)
    assert beneficiary.id_number_masked == RAW[:4] + "*" * 10 + RAW[-4:]
    assert beneficiary.birth_date == date(1958, 8, 1)
    assert beneficiary.reveal_id_number() == RAW
    event = CaseEvent.objects.get(beneficiary=beneficiary)
    assert event.kind == "beneficiary.registered"
    assert event.actor == case_worker
    assert event.changes["name"] == [None, "王秀英"]


def test_id_number_is_not_stored_in_plaintext(case_worker, areas):
    beneficiary = register(case_worker, areas.village_a, RAW)
    table = Beneficiary._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [beneficiary.pk])
        row = cursor.fetchone()
    stored = " ".join(str(value) for value in row)
    assert RAW not in stored
    assert RAW[6:14] + RAW[14:] not in stored  # not even the part after the area code
    assert beneficiary.id_number_masked in stored


def test_encryption_is_not_deterministic_but_the_lookup_hash_is(case_worker, areas):
    one = BeneficiaryFactory(area=areas.village_a, created_by=case_worker)
    token_again = type(one)()
    token_again.set_id_number(parse_id_number(one.reveal_id_number()))
    assert token_again.id_number_encrypted != one.id_number_encrypted
    assert token_again.id_number_hash == one.id_number_hash


def test_duplicate_id_is_refused_with_a_link_to_the_existing_record(case_worker, areas):
    existing = register(case_worker, areas.village_a, RAW)
    with pytest.raises(DomainError) as excinfo:
        register(case_worker, areas.village_a2, RAW, name="另一个人")
    assert excinfo.value.field == "id_number"
    assert excinfo.value.code == "duplicate"
    url = reverse("registry:beneficiary:detail", args=[existing.pk])
    assert f'href="{url}"' in str(excinfo.value.message)
    assert Beneficiary.objects.count() == 1


def test_duplicate_with_lower_case_x_is_the_same_person(case_worker, areas):
    upper = id_number_ending_in_x("330188", date(1958, 8, 2))
    register(case_worker, areas.village_a, upper)
    with pytest.raises(DomainError):
        register(case_worker, areas.village_a, upper.lower())


def test_15_digit_number_and_its_18_digit_form_are_the_same_person(case_worker, areas):
    legacy = legacy_id_number("330188", date(1945, 10, 1), 457)
    register(case_worker, areas.village_a, legacy)
    full = make_id_number("330188", date(1945, 10, 1), 457)
    with pytest.raises(DomainError) as excinfo:
        register(case_worker, areas.village_a, full)
    assert excinfo.value.code == "duplicate"


def test_18_digit_first_then_15_digit_is_also_a_duplicate(case_worker, areas):
    register(case_worker, areas.village_a, make_id_number("330188", date(1945, 10, 1), 457))
    with pytest.raises(DomainError):
        register(case_worker, areas.village_a, legacy_id_number("330188", date(1945, 10, 1), 457))


def test_duplicate_in_an_area_the_user_cannot_see_names_the_area_but_gives_no_link(
    case_worker, case_worker_b, areas
):
    register(case_worker, areas.village_a, RAW)
    with pytest.raises(DomainError) as excinfo:
        register(case_worker_b, areas.village_b, RAW)
    message = str(excinfo.value.message)
    assert "href" not in message
    assert areas.village_a.name in message


def test_factory_builds_valid_unique_numbers(case_worker, areas):
    people = BeneficiaryFactory.create_batch(5, area=areas.village_a, created_by=case_worker)
    numbers = {p.reveal_id_number() for p in people}
    assert len(numbers) == 5
    for person in people:
        parsed = parse_id_number(person.reveal_id_number())
        assert parsed.gender == person.gender
        assert person.reveal_id_number().startswith(areas.village_a.code[:6])
