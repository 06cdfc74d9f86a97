"""The fee-relief application packet for the court (《诉讼费用交纳办法》§48).

Three parts: the applicant's written application (particulars, relief sought with its legal
ground, facts and reasons), the list of hardship evidence attached, and the office's statement
confirming the verified facts.
"""

from ..models import Kind, Relief
from . import labels
from .common import letterhead, lines, person, rmb_upper, yuan, zh_date

TEMPLATE = "documents/court_packet.html"


def evidence_list(detail, verification):
    """The hardship evidence attached: what the worker listed, then what the visit received."""
    items = lines(detail.hardship_evidence)
    if verification is not None:
        for entry in verification.checklist:
            # "户口簿" received at the visit is the "户口簿复印件" already listed.
            if entry.get("received") and not any(entry["item"] in item for item in items):
                items.append(entry["item"])
    return items


def latest_verification(assistance_request):
    return assistance_request.verifications.select_related("verified_by").first()


def gather(assistance_request, *, reveal=False):
    if assistance_request.kind != Kind.FEE_WAIVER:
        raise ValueError("the court packet belongs to a fee-relief request")
    detail = assistance_request.fee_waiver
    verification = latest_verification(assistance_request)
    relief_value = detail.relief_value()
    article, words, relief_word = labels.legal_ground(detail.legal_ground, detail.relief_sought)
    return {
        "head": letterhead(assistance_request, "函"),
        "applicant": person(assistance_request.beneficiary, reveal=reveal),
        "court": detail.court,
        "case_number": detail.case_number,
        "claim": labels.CLAIM[detail.claim_type],
        "fee": yuan(detail.fee_amount),
        "relief": labels.RELIEF[detail.relief_sought],
        "is_reduction": detail.relief_sought == Relief.REDUCE,
        "percent": detail.reduction_percent,
        "relief_value": yuan(relief_value),
        "relief_value_upper": rmb_upper(relief_value),
        "decree": labels.DECREE,
        "ground_code": detail.legal_ground,
        "ground_article": article,
        "ground_words": words,
        "ground_relief": relief_word,
        "article_48": labels.ARTICLE_48,
        "legal_aid": detail.receives_legal_aid,
        "minimum_allowance": detail.minimum_allowance,
        "no_fixed_income": detail.no_fixed_income,
        "summary": assistance_request.summary,
        "findings": verification.findings if verification else "",
        "visit_date": zh_date(verification.visit_date) if verification else "",
        "evidence": evidence_list(detail, verification),
    }
