"""Eligibility rules as plain functions: facts in, a suggestion with its legal ground out.

Fee relief follows 《诉讼费用交纳办法》 (State Council Decree No. 481), chapter 6. The rules
only suggest; the case worker may choose otherwise with a written reason, and the court
decides. Exemption is checked first (it is the most favourable relief), then reduction, then
deferral.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Beneficiary, ClaimType, Relief

# The minimum a reduction may be (§46: 减交诉讼费用的，减交比例不得低于30%).
MINIMUM_REDUCTION_PERCENT = 30

# Categories that are 优抚、安置对象 (§46(2)). 孤寡老人 cared for through pairing are not.
PREFERENTIAL_CATEGORIES = frozenset(Beneficiary.Category.values) - {
    Beneficiary.Category.ELDERLY_ALONE
}

CITATIONS = {
    "§45(1)": _("§45(1): a disabled person without a fixed source of income — exemption (免交)"),
    "§45(2)": _(
        "§45(2): a claim for support, maintenance or pension (赡养费、扶养费、抚育费、抚恤金) — "
        "exemption (免交)"
    ),
    "§45(3)": _(
        "§45(3): a recipient of the minimum living allowance with no other income — "
        "exemption (免交)"
    ),
    "§46(2)": _(
        "§46(2): a beneficiary of state preferential treatment or resettlement (优抚、安置对象) — "
        "reduction (减交) of at least 30%"
    ),
    "§47(1)": _(
        "§47(1): a claim for social-insurance benefits or economic compensation — deferral (缓交)"
    ),
    "§47(2)": _("§47(2): a victim of an accident claiming damages — deferral (缓交)"),
    "§47(3)": _("§47(3): the applicant is receiving legal aid — deferral (缓交)"),
}


@dataclass(frozen=True)
class Suggestion:
    relief: str | None  # a Relief value, or None when no rule applies
    ground: str = ""  # "§46(2)"
    minimum_percent: int | None = None

    @property
    def citation(self):
        return CITATIONS.get(self.ground, _("No rule of Decree No. 481 applies."))

    @property
    def relief_label(self):
        return Relief(self.relief).label if self.relief else _("none")


def suggest_fee_relief(
    *,
    category,
    claim_type,
    receives_legal_aid=False,
    minimum_allowance=False,
    no_fixed_income=False,
):
    """Suggest deferral, reduction or exemption of court fees, citing the ground."""
    if claim_type in (ClaimType.PENSION, ClaimType.SUPPORT):
        return Suggestion(Relief.EXEMPT, "§45(2)")
    if no_fixed_income and category == Beneficiary.Category.DISABLED_VETERAN:
        return Suggestion(Relief.EXEMPT, "§45(1)")
    if minimum_allowance:
        return Suggestion(Relief.EXEMPT, "§45(3)")
    if category in PREFERENTIAL_CATEGORIES:
        return Suggestion(Relief.REDUCE, "§46(2)", MINIMUM_REDUCTION_PERCENT)
    if receives_legal_aid:
        return Suggestion(Relief.DEFER, "§47(3)")
    if claim_type in (ClaimType.SOCIAL_INSURANCE, ClaimType.ECONOMIC_COMPENSATION):
        return Suggestion(Relief.DEFER, "§47(1)")
    if claim_type == ClaimType.ACCIDENT:
        return Suggestion(Relief.DEFER, "§47(2)")
    return Suggestion(None)


def fee_relief_problems(*, relief, reduction_percent):
    """Hard rules on the relief asked for: {field: message}; empty when it may be filed."""
    problems = {}
    if relief == Relief.REDUCE:
        if reduction_percent is None:
            problems["reduction_percent"] = _("Give the reduction percentage.")
        elif reduction_percent < MINIMUM_REDUCTION_PERCENT:
            problems["reduction_percent"] = _(
                "A reduction is never less than 30%% (Decree No. 481, §46); "
                "%(percent)s%% cannot be filed."
            ) % {"percent": reduction_percent}
    elif reduction_percent is not None:
        problems["reduction_percent"] = _("A percentage belongs only to a reduction.")
    return problems


def needs_second_level(*, relief, amount, threshold):
    """A fee exemption, or an amount at or above the threshold, needs the leader's sign-off."""
    return relief == Relief.EXEMPT or amount >= threshold
