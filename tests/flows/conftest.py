import pytest

from cases.models import Beneficiary
from tests.cases.factories import BeneficiaryFactory


@pytest.fixture
def beneficiary(areas, case_worker):
    return BeneficiaryFactory(
        area=areas.village_a, created_by=case_worker, category=Beneficiary.Category.SERVICE_FAMILY
    )


@pytest.fixture
def verifier(areas):
    from cases.roles import CASE_WORKER
    from tests.cases.factories import UserFactory

    return UserFactory(username="verifier_a", role=CASE_WORKER, areas=[areas.town_a])


@pytest.fixture(autouse=True)
def _urls_loaded():
    """Flows learn their URL namespace when the URLconf is first read."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
