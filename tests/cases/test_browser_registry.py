"""The registry in real Chromium: sign in, register a beneficiary, switch language."""

import pytest

from cases.models import Beneficiary
from tests.browser import choose, submit
from tests.cases.factories import make_id_number

pytestmark = pytest.mark.browser


def fill_beneficiary_form(page, areas, id_number):
    page.fill("input[name=id_number]", id_number)
    page.fill("input[name=name]", "欧阳·秀英")
    choose(page, "gender", "F")
    page.fill("input[name=phone]", "13812345678")
    choose(page, "area", areas.village_a.pk)
    page.fill("input[name=address]", "城关镇城东社区人民路8号")
    choose(page, "category", "martyr_family")


def test_case_worker_registers_a_beneficiary(login_page, screenshot, case_worker, areas):
    page = login_page(case_worker)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.goto("/registry/beneficiary/add/")

    fill_beneficiary_form(page, areas, make_id_number(sequence=124)[:-1] + "0")
    submit(page)
    # "身份证号码校验码错误：最后一位应为 X。" (locale/zh_Hans): the check digit, in Chinese
    assert page.get_by_text("校验码错误").count() > 0
    assert not Beneficiary.objects.exists()
    screenshot(page, "registry-01-bad-id-number")

    fill_beneficiary_form(page, areas, make_id_number(sequence=124))
    submit(page)
    beneficiary = Beneficiary.objects.get()
    assert beneficiary.name == "欧阳·秀英"
    page.goto(f"/registry/beneficiary/{beneficiary.pk}/detail/")
    assert page.get_by_text(beneficiary.id_number_masked).count() > 0  # title and field
    assert beneficiary.reveal_id_number() not in page.content()
    screenshot(page, "registry-02-beneficiary-detail")


def test_language_switch_to_english(login_page, screenshot, case_worker):
    page = login_page(case_worker)
    page.goto("/registry/beneficiary/")
    submit(page, page.locator("button[name=language][value=en]"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_text("Beneficiaries").count() > 0
    screenshot(page, "registry-03-english")
