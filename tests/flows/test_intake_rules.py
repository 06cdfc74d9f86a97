from decimal import Decimal

import pytest

from cases import eligibility, services
from cases.errors import DomainError
from cases.models import AssistanceRequest, Beneficiary, ClaimType, Kind, Relief
from tests.flows import factories as f


@pytest.mark.parametrize(
    ("facts", "relief", "ground"),
    [
        ({"category": "service_family", "claim_type": ClaimType.OTHER}, Relief.REDUCE, "§46(2)"),
        ({"category": "elderly_alone", "claim_type": ClaimType.PENSION}, Relief.EXEMPT, "§45(2)"),
        (
            {"category": "elderly_alone", "claim_type": "other", "receives_legal_aid": True},
            Relief.DEFER,
            "§47(3)",
        ),
        (
            {"category": "disabled_veteran", "claim_type": "other", "no_fixed_income": True},
            Relief.EXEMPT,
            "§45(1)",
        ),
        ({"category": "elderly_alone", "claim_type": ClaimType.ACCIDENT}, Relief.DEFER, "§47(2)"),
        ({"category": "elderly_alone", "claim_type": ClaimType.OTHER}, None, ""),
    ],
)
def test_suggestions(facts, relief, ground):
    suggestion = eligibility.suggest_fee_relief(**facts)
    assert (suggestion.relief, suggestion.ground) == (relief, ground)
    assert str(suggestion.citation)


def test_reduction_below_30_is_refused():
    assert "reduction_percent" in eligibility.fee_relief_problems(
        relief="reduce", reduction_percent=20
    )
    assert not eligibility.fee_relief_problems(relief="reduce", reduction_percent=30)


@pytest.mark.parametrize(
    ("kind", "detail", "field"),
    [
        (Kind.FEE_WAIVER, {"reduction_percent": 20}, "reduction_percent"),
        (Kind.FEE_WAIVER, {"fee_amount": Decimal("-1")}, "fee_amount"),
        (Kind.FARMING_HELP, {"window_end": f.date(2026, 5, 1)}, "window_end"),
        (Kind.ONE_ON_ONE, {"term_end": f.date(2025, 1, 1)}, "term_end"),
    ],
)
def test_bad_input_saves_nothing(kind, detail, field, beneficiary, case_worker):
    with pytest.raises(DomainError) as error:
        f.submit(kind, by=case_worker, beneficiary=beneficiary, **detail)
    assert error.value.field == field
    assert not AssistanceRequest.objects.exists()


def test_override_needs_a_reason_which_is_recorded(beneficiary, case_worker):
    with pytest.raises(DomainError) as error:
        f.submit(
            Kind.FEE_WAIVER,
            by=case_worker,
            beneficiary=beneficiary,
            relief_sought="defer",
            reduction_percent=None,
        )
    assert error.value.field == "override_reason"
    ar = f.submit(
        Kind.FEE_WAIVER,
        by=case_worker,
        beneficiary=beneficiary,
        relief_sought="defer",
        reduction_percent=None,
        override_reason="当事人仅申请缓交",
    )
    assert ar.override_reason == "当事人仅申请缓交"
    assert ar.events.get(kind="request.submitted").reason == "当事人仅申请缓交"


def test_area_outside_scope_is_refused(areas, case_worker_b, case_worker, beneficiary):
    with pytest.raises(DomainError) as error:
        services.submit_request(
            by=case_worker_b,
            kind=Kind.FEE_WAIVER,
            beneficiary=beneficiary,
            detail=f.fee_waiver_detail(),
        )
    assert error.value.field == "beneficiary"
    assert Beneficiary.objects.count() == 1
