"""The auditor reads everything and changes nothing: every add/change URL of every viewset.

The URLs are collected from the URL configuration, so a new viewset is covered the day it is
added. A change URL needs a row of the viewset's model: `rows` builds one per known model; for
any other model the test uses the first existing row and fails if there is none.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases import services
from cases.models import (
    Area,
    AssistanceRequest,
    Beneficiary,
    FarmingHelpDetail,
    FarmingMode,
    Kind,
    OfficeSettings,
    Season,
    User,
)
from tests.cases.factories import BeneficiaryFactory
from tests.volunteers.factories import MembershipFactory, TeamFactory, VolunteerFactory
from volunteers.models import Membership, Team, Volunteer, VolunteerSettings

pytestmark = pytest.mark.django_db


def viewset_urls(suffix):
    """(url name, viewset) for every URL of the site whose name ends in `suffix`."""
    found = []

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, inner if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name == suffix and namespace:
                viewset = getattr(pattern.callback, "view_initkwargs", {}).get("viewset")
                found.append((f"{namespace}:{suffix}", viewset))

    walk(get_resolver(), "")
    return found


ADD_URLS = viewset_urls("add")
CHANGE_URLS = viewset_urls("change")


def test_the_site_has_the_expected_viewsets():
    names = {name for name, _viewset in ADD_URLS}
    assert {
        "registry:beneficiary:add",
        "registry:area:add",
        "teams:team:add",
        "teams:volunteer:add",
        "teams:membership:add",
    } <= names
    assert {name.removesuffix(":add") for name in names} == {
        name.removesuffix(":change") for name, _viewset in CHANGE_URLS
    }


def farming_help_request(beneficiary, by):
    detail = FarmingHelpDetail(
        season=Season.SUMMER,
        crops="水稻",
        area_mu=Decimal("3.5"),
        tasks="收割、插秧",
        window_start=date(2026, 5, 25),
        window_end=date(2026, 6, 15),
        person_days=Decimal("4"),
        mode=FarmingMode.LABOUR,
    )
    return services.submit_request(
        by=by, kind=Kind.FARMING_HELP, beneficiary=beneficiary, detail=detail
    )


@pytest.fixture
def rows(areas, case_worker):
    team = TeamFactory(area=areas.town_a)
    volunteer = VolunteerFactory(areas=[areas.town_a])
    beneficiary = BeneficiaryFactory(area=areas.village_a, created_by=case_worker)
    return {
        Area: areas.village_a,
        Beneficiary: beneficiary,
        Team: team,
        Volunteer: volunteer,
        Membership: MembershipFactory(team=team, volunteer=volunteer),
        User: case_worker,
        AssistanceRequest: farming_help_request(beneficiary, case_worker),
        OfficeSettings: OfficeSettings.objects.create(),
        VolunteerSettings: VolunteerSettings.objects.create(),
    }


def row_for(model, rows):
    row = rows.get(model) or model._default_manager.first()
    assert row is not None, f"add a row of {model.__name__} to the `rows` fixture"
    return row


def row_counts():
    return {vs.model: vs.model._default_manager.count() for _name, vs in ADD_URLS}


@pytest.mark.parametrize("name", [name for name, _viewset in ADD_URLS])
def test_auditor_gets_403_on_every_add_url(client_for, auditor, rows, name):
    client = client_for(auditor)
    before = row_counts()
    assert client.get(reverse(name)).status_code == 403
    response = client.post(reverse(name), {"name": "审计员写入", "code": "330188999"})
    assert response.status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize("name,viewset", CHANGE_URLS, ids=[name for name, _v in CHANGE_URLS])
def test_auditor_gets_403_on_every_change_url(client_for, auditor, rows, name, viewset):
    client = client_for(auditor)
    row = row_for(viewset.model, rows)
    url = reverse(name, args=[row.pk])
    assert client.get(url).status_code == 403
    before = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    response = client.post(url, {"name": "审计员改写", "phone": "13900000000"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields} == before


def test_auditor_can_read_every_list_and_detail(client_for, auditor, rows):
    client = client_for(auditor)
    for name, viewset in CHANGE_URLS:
        namespace = name.removesuffix(":change")
        assert client.get(reverse(f"{namespace}:index")).status_code == 200, namespace
        if not hasattr(viewset, "detail_view"):  # a settings page without a detail view
            continue
        row = row_for(viewset.model, rows)
        detail = reverse(f"{namespace}:detail", args=[row.pk])
        assert client.get(detail).status_code == 200, detail


def test_auditor_pages_offer_no_add_or_change_links(client_for, auditor, rows):
    client = client_for(auditor)
    page = client.get(reverse("registry:beneficiary:index")).content.decode()
    assert reverse("registry:beneficiary:add") not in page
    beneficiary = rows[Beneficiary]
    detail = client.get(reverse("registry:beneficiary:detail", args=[beneficiary.pk]))
    assert (
        reverse("registry:beneficiary:change", args=[beneficiary.pk]) not in detail.content.decode()
    )
