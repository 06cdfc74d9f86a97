"""What every document shares: the issuing office, dates and money written the Chinese way,
the document number, and the applicant's particulars with the ID number masked by default."""

from decimal import Decimal

from django.utils import timezone

from ..models import Area
from . import labels

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]
GROUPS = ["", "万", "亿"]


def county_of(area):
    """The county an area belongs to (walks up the tree; areas are few levels deep)."""
    while area.parent_id is not None and area.level != Area.Level.COUNTY:
        area = area.parent
    return area


def issuing_office(area):
    """The office that signs the letters: the county's 双拥 leading group office."""
    return f"{county_of(area).name}双拥工作领导小组办公室"


def document_number(area, code, serial, year=None):
    """发文字号 like 临双拥通〔2026〕12号 (GB/T 9704: 六角括号, no leading zeros)."""
    year = year or timezone.localdate().year
    return f"{county_of(area).name[:1]}双拥{code}〔{year}〕{serial}号"


def zh_date(value):
    """2026年3月5日 (GB/T 9704: Arabic numerals, no leading zeros)."""
    if value is None:
        return "—"
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def zh_datetime(value):
    if value is None:
        return "—"
    local = timezone.localtime(value)
    return f"{zh_date(local)} {local:%H:%M}"


def yuan(amount):
    """1,250.00元"""
    if amount is None:
        return "—"
    return f"{Decimal(amount):,.2f}元"


def _four_digits(number):
    text, zero = "", False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit:
            text += ("零" if zero and text else "") + DIGITS[digit] + UNITS[position]
            zero = False
        else:
            zero = True
    return text


def rmb_upper(amount):
    """人民币大写: 1250.5 → 人民币壹仟贰佰伍拾元伍角整 (as receipts and court papers write it)."""
    fen = int((Decimal(amount) * 100).quantize(Decimal("1")))
    yuan_part, jiao, fen_digit = fen // 100, fen // 10 % 10, fen % 10
    text, group, pending_zero = "", 0, False
    while yuan_part:
        chunk = yuan_part % 10000
        if chunk:
            words = _four_digits(chunk) + GROUPS[group]
            text = words + ("零" if pending_zero and text else "") + text
            pending_zero = chunk < 1000
        else:
            pending_zero = bool(text)
        yuan_part //= 10000
        group += 1
    text = (text or "零") + "元"
    if jiao or fen_digit:
        text += (DIGITS[jiao] + "角") if jiao else "零"
        text += (DIGITS[fen_digit] + "分") if fen_digit else "整"
    else:
        text += "整"
    return "人民币" + text


def age_on(birth_date, day=None):
    day = day or timezone.localdate()
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def person(beneficiary, *, reveal=False):
    """The particulars printed on letters. `reveal` prints the full ID number: pass it only
    after the reveal has been recorded (see cases.services.documents.reveal_id_number)."""
    return {
        "name": beneficiary.name,
        "gender": labels.GENDER.get(beneficiary.gender, ""),
        "birth_date": zh_date(beneficiary.birth_date),
        "age": age_on(beneficiary.birth_date),
        "id_number": (beneficiary.reveal_id_number() if reveal else beneficiary.id_number_masked),
        "id_revealed": reveal,
        "phone": beneficiary.phone or "—",
        "address": beneficiary.address,
        "village": beneficiary.area.name,
        "category": labels.CATEGORY.get(beneficiary.category, beneficiary.category),
        "household_size": beneficiary.household_size,
        "hardships": hardships(beneficiary),
    }


def hardships(beneficiary):
    names = [
        name
        for flag, name in (
            (beneficiary.hardship_living, "生活难"),
            (beneficiary.hardship_housing, "住房难"),
            (beneficiary.hardship_medical, "治病难"),
            (beneficiary.lacks_labour, "缺劳"),
        )
        if flag
    ]
    return "、".join(names) or "无"


def letterhead(assistance_request, code, *, day=None):
    """Issuing office, document number and date shared by the letters of a request."""
    day = day or timezone.localdate()
    return {
        "office": issuing_office(assistance_request.area),
        "number": document_number(assistance_request.area, code, assistance_request.pk, day.year),
        "date": zh_date(day),
        "request_number": f"{assistance_request.pk}",
        "kind": labels.KIND[assistance_request.kind],
    }


def lines(text):
    """A multi-line text field as a list of non-empty lines."""
    return [line.strip(" -•·、") for line in (text or "").splitlines() if line.strip(" -•·、")]
