import pytest
from viewflow.workflow.status import PROCESS

from cases.models import Beneficiary, CaseEvent, Kind, Status
from tests.cases.factories import BeneficiaryFactory
from tests.flows import factories as f


@pytest.fixture
def beneficiary(areas, case_worker):
    return BeneficiaryFactory(
        area=areas.village_a, created_by=case_worker, category=Beneficiary.Category.SERVICE_FAMILY
    )


def test_fee_waiver_happy_path_one_level(beneficiary, case_worker, approver, team_a, team_leader):
    ar = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    assert ar.status == Status.SUBMITTED
    assert (ar.suggested_relief, ar.suggested_ground) == ("reduce", "§46(2)")
    f.verify(ar, by=case_worker)
    assert ar.status == Status.VERIFIED
    f.sign(ar, by=approver)
    assert ar.status == Status.APPROVED and not ar.needs_second_level
    f.dispatch(ar, by=case_worker, team=team_a)
    f.accept(ar, by=team_leader)
    assert ar.status == Status.IN_DELIVERY
    f.deliver(ar, by=team_leader)
    assert ar.status == Status.COURT_FILING
    f.file_with_court(ar, by=case_worker)
    f.court_decides(ar, by=case_worker)
    assert ar.status == Status.FOLLOW_UP
    f.follow_up(ar, by=case_worker)
    f.close(ar, by=case_worker)
    assert ar.status == Status.CLOSED
    assert ar.process.status == PROCESS.DONE
    kinds = list(CaseEvent.objects.filter(assistance_request=ar).values_list("kind", flat=True))
    assert kinds == [
        "request.submitted",
        "request.verified",
        "request.approved.level1",
        "request.dispatched",
        "request.accepted",
        "request.delivered",
        "request.filed",
        "request.court_decided",
        "request.followed_up",
        "request.closed",
    ]
