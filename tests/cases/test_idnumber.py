"""Resident ID numbers: hard checks (format, check digit, birth date), soft check (area code)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.idnumber import check_digit, mask, parse_id_number
from tests.cases.factories import legacy_id_number, make_id_number

# A published sample (GB 11643 worked example): 11010519491231002X.
SAMPLE = "11010519491231002X"


def codes(excinfo):
    return {error.code for error in excinfo.value.error_list}


def test_check_digit_of_the_standard_example():
    assert check_digit(SAMPLE[:17]) == "X"


@pytest.mark.parametrize(
    "raw",
    [
        SAMPLE,
        make_id_number("330188", date(1960, 5, 17), 123),
        make_id_number("330188", date(2000, 2, 29), 8),  # leap day
        make_id_number("650102", date(1931, 12, 31), 997),
    ],
)
def test_valid_18_digit_numbers_parse(raw):
    parsed = parse_id_number(raw)
    assert parsed.value == raw
    assert parsed.canonical == raw
    assert parsed.birth_date.strftime("%Y%m%d") == raw[6:14]
    assert parsed.warnings == []


def test_gender_comes_from_the_sequence_digit():
    assert parse_id_number(make_id_number(sequence=123)).gender == "M"
    assert parse_id_number(make_id_number(sequence=124)).gender == "F"
    assert parse_id_number(SAMPLE).gender == "F"  # 002: even


def test_lower_case_x_and_spaces_are_accepted_and_normalised():
    parsed = parse_id_number(" 110105 19491231 002x ")
    assert parsed.value == SAMPLE
    assert parsed.canonical == SAMPLE


def test_wrong_check_digit_is_refused_and_names_the_right_one():
    wrong = SAMPLE[:17] + "1"
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        parse_id_number(wrong)
    assert codes(excinfo) == {"check_digit"}
    assert "should be X" in excinfo.value.messages[0]


@pytest.mark.parametrize("born", ["19600230", "19610229", "19601301", "19600100"])
def test_a_birth_date_that_does_not_exist_is_refused(born):
    first17 = f"330188{born}123"
    with pytest.raises(ValidationError) as excinfo:
        parse_id_number(first17 + check_digit(first17))
    assert codes(excinfo) == {"birth_date"}


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        parse_id_number(make_id_number(born=tomorrow))
    assert codes(excinfo) == {"birth_date"}


def test_a_birth_date_before_1880_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        parse_id_number(make_id_number(born=date(1879, 12, 31)))
    assert codes(excinfo) == {"birth_date"}


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "33018819600517123", "3301881960051712345", "33018819600517123Y", "X" * 18],
)
def test_wrong_format_is_refused(raw):
    with pytest.raises(ValidationError) as excinfo:
        parse_id_number(raw)
    assert codes(excinfo) == {"format"}


def test_15_digit_legacy_number_is_accepted_with_its_18_digit_canonical_form():
    legacy = legacy_id_number("330188", date(1950, 3, 8), 123)
    parsed = parse_id_number(legacy)
    assert parsed.value == legacy
    assert parsed.birth_date == date(1950, 3, 8)
    assert parsed.canonical == make_id_number("330188", date(1950, 3, 8), 123)
    assert parsed.gender == "M"


def test_15_digit_legacy_number_with_impossible_date_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        parse_id_number("330188500230123")
    assert codes(excinfo) == {"birth_date"}


def test_unknown_area_code_is_a_warning_not_an_error():
    parsed = parse_id_number(make_id_number("990101", date(1970, 1, 1), 5))
    assert parsed.birth_date == date(1970, 1, 1)
    assert len(parsed.warnings) == 1
    assert "990101" in str(parsed.warnings[0])


def test_mask_keeps_prefix_and_last_four_only():
    assert mask(SAMPLE) == "1101**********002X"
    assert mask("330188500308123") == "3301*******8123"
