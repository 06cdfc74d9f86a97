"""Resident ID numbers (居民身份证号码, GB 11643).

Hard checks: the format, the birth date and, for 18-character numbers, the check digit.
Soft check: the six-digit area code. Divisions are renamed and merged over the years and an
old ID keeps its old code, so an area code we do not recognise is only a warning.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# Province-level prefixes of GB/T 2260 (including Taiwan, Hong Kong and Macao).
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
FULL = re.compile(r"^\d{17}[\dX]$")
LEGACY = re.compile(r"^\d{15}$")


@dataclass(frozen=True)
class IdNumber:
    value: str  # as entered, normalised (upper case, no spaces)
    canonical: str  # the 18-character form, also for legacy numbers; used for duplicates
    birth_date: date
    gender: str  # "M" or "F", from the sequence digit
    warnings: list[str] = field(default_factory=list)


def check_digit(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def _birth_date(text: str) -> date:
    try:
        born = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise ValidationError(
            _("The birth date %(date)s in the ID number does not exist."),
            code="birth_date",
            params={"date": text},
        ) from None
    if born.year < 1880 or born > date.today():
        raise ValidationError(
            _("The birth date %(date)s in the ID number is impossible."),
            code="birth_date",
            params={"date": born.isoformat()},
        )
    return born


def parse_id_number(raw: str) -> IdNumber:
    value = re.sub(r"\s+", "", raw or "").upper()
    if FULL.match(value):
        expected = check_digit(value[:17])
        if value[17] != expected:
            raise ValidationError(
                _(
                    "The check digit of this ID number is wrong: the last character should be %(expected)s."
                ),
                code="check_digit",
                params={"expected": expected},
            )
        born = _birth_date(value[6:14])
        canonical = value
    elif LEGACY.match(value):
        # 15-digit numbers (issued before 1999) carry a two-digit year of the 1900s.
        born = _birth_date("19" + value[6:12])
        first17 = value[:6] + "19" + value[6:]
        canonical = first17 + check_digit(first17)
    else:
        raise ValidationError(
            _(
                "An ID number has 18 characters (digits, the last may be X) or, for old cards, 15 digits."
            ),
            code="format",
        )
    warnings = []
    if value[:2] not in PROVINCE_CODES:
        warnings.append(
            _("The area code %(code)s is not a known division; please check the number.")
            % {"code": value[:6]}
        )
    gender = "M" if int(canonical[16]) % 2 else "F"
    return IdNumber(value, canonical, born, gender, warnings)


def mask(value: str) -> str:
    """3301**********1234: area prefix and the last four, enough to tell people apart."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
