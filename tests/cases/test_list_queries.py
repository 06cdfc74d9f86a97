"""Query counts of the registry list pages hold at two data sizes (no N+1)."""

import pytest
from django.urls import reverse

from tests.cases.factories import AreaFactory, BeneficiaryFactory
from tests.helpers import assert_constant_queries, fail_on_unordered_pages

pytestmark = [pytest.mark.django_db, fail_on_unordered_pages]


@pytest.mark.parametrize("persona", ["case_worker", "auditor"])
def test_beneficiary_list(client_for, areas, case_worker, persona, request):
    user = request.getfixturevalue(persona)
    villages = [areas.village_a, areas.village_a2]

    def grow(n):
        for i in range(n):
            BeneficiaryFactory(area=villages[i % 2], created_by=case_worker)

    grow(3)
    count = assert_constant_queries(
        client_for(user),
        reverse("registry:beneficiary:index"),
        grow,
    )
    print(f"beneficiary list as {persona}: {count} queries")


@pytest.mark.parametrize("persona", ["case_worker", "auditor"])
def test_area_list(client_for, areas, persona, request):
    user = request.getfixturevalue(persona)

    def grow(n):
        for _ in range(n):
            AreaFactory(parent=areas.town_a)

    count = assert_constant_queries(client_for(user), reverse("registry:area:index"), grow)
    print(f"area list as {persona}: {count} queries")
