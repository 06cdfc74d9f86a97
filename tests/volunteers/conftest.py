import pytest

from cases.models import Beneficiary
from tests.cases.factories import BeneficiaryFactory
from tests.volunteers import work


@pytest.fixture
def beneficiary(areas, case_worker):
    return BeneficiaryFactory(
        area=areas.village_a, created_by=case_worker, category=Beneficiary.Category.SERVICE_FAMILY
    )


@pytest.fixture(autouse=True)
def _urls_loaded():
    """Flows learn their URL namespace when the URLconf is first read."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def member(volunteer):
    """The Volunteer row of the `volunteer` persona (member of team_a)."""
    return volunteer.volunteer


@pytest.fixture
def farming_job(case_worker, approver, beneficiary, team_a, member):
    """Makes a farming-help request accepted by team A with `member` on it, working now:
    returns (request, assignment)."""

    def make():
        return work.accepted(
            work.FARMING,
            case_worker=case_worker,
            approver=approver,
            beneficiary=beneficiary,
            team=team_a,
            members=[member],
            **work.farming_window_now(),
        )

    return make


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
