"""Row visibility through the real pages: lists, detail and change URLs, per persona."""

import pytest
from django.urls import reverse

from tests.cases.factories import BeneficiaryFactory
from tests.helpers import fail_on_unordered_pages

pytestmark = [pytest.mark.django_db, fail_on_unordered_pages]


@pytest.fixture
def people(areas, case_worker, case_worker_b):
    """Two beneficiaries in town A, one in town B, with names that occur nowhere else."""
    return {
        "a1": BeneficiaryFactory(name="甲村张秀英", area=areas.village_a, created_by=case_worker),
        "a2": BeneficiaryFactory(name="甲村李建国", area=areas.village_a2, created_by=case_worker),
        "b1": BeneficiaryFactory(name="乙村陈桂兰", area=areas.village_b, created_by=case_worker_b),
    }


def list_page(client):
    response = client.get(reverse("registry:beneficiary:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_case_worker_lists_only_their_areas(client_for, case_worker, people):
    page = list_page(client_for(case_worker))
    assert "甲村张秀英" in page
    assert "甲村李建国" in page
    assert "乙村陈桂兰" not in page


def test_case_worker_of_another_area_sees_nothing_of_area_a(client_for, case_worker_b, people):
    page = list_page(client_for(case_worker_b))
    assert "乙村陈桂兰" in page
    assert "甲村" not in page
    assert people["a1"].id_number_masked not in page


@pytest.mark.parametrize("view", ["detail", "change"])
def test_other_area_case_worker_gets_404_on_area_a_urls(client_for, case_worker_b, people, view):
    client = client_for(case_worker_b)
    url = reverse(f"registry:beneficiary:{view}", args=[people["a1"].pk])
    assert client.get(url).status_code == 404


def test_other_area_case_worker_cannot_post_a_change_to_area_a(
    client_for, case_worker_b, people, areas
):
    target = people["a1"]
    client = client_for(case_worker_b)
    url = reverse("registry:beneficiary:change", args=[target.pk])
    response = client.post(url, {"name": "被篡改", "area": areas.village_b.pk})
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.name == "甲村张秀英"


def test_case_worker_opens_detail_and_change_of_own_area(client_for, case_worker, people):
    client = client_for(case_worker)
    detail = client.get(reverse("registry:beneficiary:detail", args=[people["a1"].pk]))
    assert detail.status_code == 200
    assert "甲村张秀英" in detail.content.decode()
    change = client.get(reverse("registry:beneficiary:change", args=[people["a1"].pk]))
    assert change.status_code == 200


def test_detail_page_shows_the_masked_id_number_only(client_for, case_worker, people):
    person = people["a1"]
    page = client_for(case_worker).get(reverse("registry:beneficiary:detail", args=[person.pk]))
    content = page.content.decode()
    assert person.id_number_masked in content
    assert person.reveal_id_number() not in content


def test_list_page_shows_masked_id_numbers_only(client_for, auditor, people):
    page = list_page(client_for(auditor))
    for person in people.values():
        assert person.id_number_masked in page
        assert person.reveal_id_number() not in page


@pytest.mark.parametrize("persona", ["auditor", "approver", "leader", "admin"])
def test_county_and_unscoped_roles_see_every_area(client_for, people, persona, request):
    user = request.getfixturevalue(persona)
    page = list_page(client_for(user))
    for name in ("甲村张秀英", "甲村李建国", "乙村陈桂兰"):
        assert name in page
    detail = reverse("registry:beneficiary:detail", args=[people["b1"].pk])
    assert client_for(user).get(detail).status_code == 200


@pytest.mark.parametrize("persona", ["team_leader", "volunteer"])
def test_team_roles_have_no_access_to_the_registry(client_for, people, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("registry:beneficiary:index")).status_code == 403
    detail = reverse("registry:beneficiary:detail", args=[people["a1"].pk])
    assert client.get(detail).status_code in (403, 404)


def test_anonymous_user_is_sent_to_log_in(client, people):
    response = client.get(reverse("registry:beneficiary:detail", args=[people["a1"].pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_area_list_is_scoped(client_for, case_worker_b, areas):
    response = client_for(case_worker_b).get(reverse("registry:area:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert areas.village_b.name in page
    assert areas.village_a.name not in page
    assert areas.town_a.name not in page
    url = reverse("registry:area:detail", args=[areas.village_a.pk])
    assert client_for(case_worker_b).get(url).status_code == 404
