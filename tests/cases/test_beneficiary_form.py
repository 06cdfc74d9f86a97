"""The beneficiary create form through the real view: errors per field, in the user's
language, nothing saved, never a server error."""

from datetime import date

import pytest
from django.urls import reverse

from cases.models import Beneficiary, CaseEvent
from tests.cases.factories import BeneficiaryFactory, make_id_number

pytestmark = pytest.mark.django_db

ADD = "registry:beneficiary:add"
ZH_REQUIRED = "该字段是必填项。"  # Django's own zh_Hans catalogue
ZH_INVALID_CHOICE = "选择一个有效的选项"
VALID_ID = make_id_number("330188", date(1962, 3, 4), 135)  # male
WRONG_CHECK_DIGIT = VALID_ID[:17] + ("0" if VALID_ID[-1] != "0" else "1")


def valid_data(area, /, **changes):
    data = {
        "id_number": VALID_ID,
        "name": "欧阳·建华",
        "gender": "M",
        "phone": "13812345678",
        "area": area.pk,
        "address": "城东社区人民路8号",
        "category": Beneficiary.Category.DISABLED_VETERAN,
        "household_size": 3,
        "notes": "",
    }
    data.update(changes)
    return data


def post(client, data, **headers):
    response = client.post(reverse(ADD), data, **headers)
    assert response.status_code == 200, "an invalid form is shown again, not redirected"
    return response


def test_valid_form_registers_and_redirects_to_the_detail(client_for, case_worker, areas):
    client = client_for(case_worker)
    response = client.post(reverse(ADD), valid_data(areas.village_a))
    beneficiary = Beneficiary.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:beneficiary:detail", args=[beneficiary.pk])
    assert beneficiary.name == "欧阳·建华"
    assert beneficiary.created_by == case_worker
    assert CaseEvent.objects.filter(kind="beneficiary.registered", actor=case_worker).count() == 1


def test_unknown_area_code_registers_with_a_warning(client_for, case_worker, areas):
    client = client_for(case_worker)
    data = valid_data(areas.village_a, id_number=make_id_number("990101", date(1970, 1, 1), 5))
    response = client.post(reverse(ADD), data, follow=True)
    assert Beneficiary.objects.count() == 1
    messages = [str(m) for m in response.context["messages"]]
    assert any("990101" in m for m in messages)


@pytest.mark.parametrize(
    "field,value",
    [
        ("phone", "12345"),
        ("phone", "1381234567x"),
        ("id_number", WRONG_CHECK_DIGIT),
        ("id_number", "33018819600230123X"),
        ("id_number", "3" * 30),
        ("household_size", "many"),
        ("household_size", "-1"),
        ("gender", "Q"),
        ("category", "general"),
        ("area", "999999"),
        ("area", "not-a-number"),
    ],
)
def test_bad_input_gives_a_field_error_and_saves_nothing(
    client_for, case_worker, areas, field, value
):
    response = post(client_for(case_worker), valid_data(areas.village_a, **{field: value}))
    assert field in response.context["form"].errors
    assert Beneficiary.objects.count() == 0
    assert CaseEvent.objects.count() == 0


def test_area_outside_scope_from_a_forged_form_is_a_field_error(client_for, case_worker, areas):
    response = post(client_for(case_worker), valid_data(areas.village_b))
    errors = response.context["form"].errors
    assert list(errors) == ["area"]
    assert ZH_INVALID_CHOICE in errors["area"][0]
    assert Beneficiary.objects.count() == 0


def test_the_area_choices_offer_only_areas_in_scope(client_for, case_worker, areas):
    form = client_for(case_worker).get(reverse(ADD)).context["form"]
    offered = set(form.fields["area"].queryset)
    assert areas.village_a in offered
    assert areas.village_b not in offered
    assert areas.county not in offered


def test_errors_are_in_chinese_by_default(client_for, case_worker, areas):
    data = valid_data(areas.village_a, name="", phone="12345", id_number=WRONG_CHECK_DIGIT)
    response = post(client_for(case_worker), data)
    page = response.content.decode()
    assert 'lang="zh-hans"' in page
    errors = response.context["form"].errors
    assert errors["name"] == [ZH_REQUIRED]
    assert ZH_REQUIRED in page
    assert "手机号码" in errors["phone"][0]
    assert "校验码" in errors["id_number"][0]
    assert VALID_ID[-1] in errors["id_number"][0]  # names the right check character


def test_errors_are_in_english_with_the_language_cookie(client_for, case_worker, areas, settings):
    client = client_for(case_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = valid_data(areas.village_a, name="", phone="12345", id_number="33018819600230123X")
    errors = post(client, data).context["form"].errors
    assert errors["name"] == ["This field is required."]
    assert errors["phone"] == [
        "Enter an 11-digit mobile number or a landline with its area code (0571-87654321)."
    ]
    assert errors["id_number"] == ["The birth date 19600230 in the ID number does not exist."]


def test_errors_are_in_english_with_accept_language(client_for, case_worker, areas):
    response = post(
        client_for(case_worker),
        valid_data(areas.village_b, name=""),
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    errors = response.context["form"].errors
    assert errors["name"] == ["This field is required."]
    assert errors["area"][0].startswith("Select a valid choice.")


def test_gender_that_contradicts_the_id_number_is_a_field_error(client_for, case_worker, areas):
    response = post(client_for(case_worker), valid_data(areas.village_a, gender="F"))
    assert list(response.context["form"].errors) == ["gender"]
    assert Beneficiary.objects.count() == 0


def test_duplicate_on_the_form_links_to_the_existing_record(client_for, case_worker, areas):
    data = valid_data(areas.village_a)
    existing = BeneficiaryFactory(
        name="欧阳·秀英", area=areas.village_a, id_number=data["id_number"], created_by=case_worker
    )
    response = post(client_for(case_worker), {**data, "id_number": data["id_number"].lower()})
    url = reverse("registry:beneficiary:detail", args=[existing.pk])
    errors = response.context["form"].errors
    assert list(errors) == ["id_number"]
    # The widget shows the field error as text: no markup there, but the person is named.
    assert "<" not in errors["id_number"][0]
    assert str(existing) in errors["id_number"][0]
    # The snackbar carries the link (its first <a> becomes the action button).
    snackbar = response.content.decode().split("<vf-snackbar", 1)[1].split("</vf-snackbar>")[0]
    assert f'<a href="{url}">' in snackbar
    assert Beneficiary.objects.count() == 1


def test_change_form_cannot_move_a_record_out_of_scope(client_for, case_worker, areas):
    person = BeneficiaryFactory(area=areas.village_a, created_by=case_worker)
    url = reverse("registry:beneficiary:change", args=[person.pk])
    data = {**valid_data(areas.village_b, gender=person.gender), "name": person.name}
    del data["id_number"]
    response = client_for(case_worker).post(url, data)
    assert response.status_code == 200
    assert "area" in response.context["form"].errors
    person.refresh_from_db()
    assert person.area == areas.village_a
