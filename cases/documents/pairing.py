"""The one-on-one pairing agreement (一助一结对帮扶协议书)."""

from datetime import timedelta

from ..models import Kind
from . import labels
from .activity import accepted_dispatch
from .common import issuing_office, letterhead, person, yuan, zh_date

TEMPLATE = "documents/pairing_agreement.html"


def visit_schedule(term_start, term_end, interval_days):
    """The planned visit dates over the term, the first one interval after the start."""
    dates, day = [], term_start + timedelta(days=interval_days)
    while day <= term_end:
        dates.append(day)
        day += timedelta(days=interval_days)
    return dates


def gather(assistance_request):
    if assistance_request.kind != Kind.ONE_ON_ONE:
        raise ValueError("a pairing agreement belongs to a one-on-one request")
    detail = assistance_request.one_on_one
    dispatch = accepted_dispatch(assistance_request)
    visits = visit_schedule(detail.term_start, detail.term_end, detail.visit_interval_days)
    return {
        "head": letterhead(assistance_request, "结"),
        "helper": dispatch.team.name if dispatch else "",
        "helper_leader": str(dispatch.team.leader or "") if dispatch else "",
        "helped": person(assistance_request.beneficiary),
        "witness": issuing_office(assistance_request.area),
        "project": detail.project,
        "need": detail.need,
        "hardship": labels.HARDSHIP[detail.hardship_type],
        "funds": yuan(detail.funds_amount) if detail.help_funds else "",
        "labour": detail.help_labour,
        "know_how": detail.help_know_how,
        "term": f"{zh_date(detail.term_start)}至{zh_date(detail.term_end)}",
        "interval": detail.visit_interval_days,
        "visits": [
            {"number": index, "date": zh_date(day)} for index, day in enumerate(visits, start=1)
        ],
        "targets": [
            line for line in detail.target_result.replace("；", "\n").splitlines() if line.strip()
        ],
    }
