"""Which documents exist, when each applies, and how each is rendered.

Letters (one or a few pages) render on request; the dossier and the year-end report are big
and render in a background task (`tasks.py`).
"""

from dataclasses import dataclass
from typing import Any

from ..models import Kind
from . import court_packet, notices, pairing, work_order
from .render import render


@dataclass(frozen=True)
class Letter:
    slug: str
    title: str  # shown on buttons and used in file names
    template: str
    gather: Any  # gather(assistance_request, **options) -> context
    applies: Any  # applies(assistance_request) -> bool

    def filename(self, assistance_request):
        return f"{self.title}-{assistance_request.pk}-{assistance_request.beneficiary.name}.pdf"


def _dispatched(assistance_request):
    return assistance_request.dispatches.exists()


LETTERS = {
    letter.slug: letter
    for letter in [
        Letter(
            "court-packet",
            "司法救助申请材料",
            court_packet.TEMPLATE,
            court_packet.gather,
            lambda ar: ar.kind == Kind.FEE_WAIVER,
        ),
        Letter(
            "approval-notice",
            "准予帮扶通知书",
            notices.APPROVAL_TEMPLATE,
            notices.gather_approval,
            notices.is_approved,
        ),
        Letter(
            "rejection-notice",
            "不予帮扶通知书",
            notices.REJECTION_TEMPLATE,
            notices.gather_rejection,
            notices.is_rejected,
        ),
        Letter(
            "work-order",
            "帮耕帮种派工单",
            work_order.TEMPLATE,
            work_order.gather,
            lambda ar: ar.kind == Kind.FARMING_HELP and _dispatched(ar),
        ),
        Letter(
            "pairing-agreement",
            "一助一结对帮扶协议书",
            pairing.TEMPLATE,
            pairing.gather,
            lambda ar: ar.kind == Kind.ONE_ON_ONE and notices.is_approved(ar),
        ),
    ]
}


def letters_for(assistance_request):
    """The letters that apply to a request now."""
    return [letter for letter in LETTERS.values() if letter.applies(assistance_request)]


def render_letter(slug, assistance_request, *, reveal=False, strict=False):
    """Render one letter of a request. `reveal` (court packet only) prints the full ID number;
    the caller must have recorded the reveal first."""
    letter = LETTERS[slug]
    options = {"reveal": True} if reveal and slug == "court-packet" else {}
    return render(letter.template, letter.gather(assistance_request, **options), strict=strict)


def sample_jobs(cases, *, area, year):
    """(file name, callable returning a Rendered) for one document of each type."""
    from . import dossier, year_report

    jobs = [
        ("court_packet.pdf", lambda: render_letter("court-packet", cases.fee_waiver)),
        ("approval_notice.pdf", lambda: render_letter("approval-notice", cases.one_on_one)),
        ("rejection_notice.pdf", lambda: render_letter("rejection-notice", cases.rejected)),
        ("work_order.pdf", lambda: render_letter("work-order", cases.farming_help)),
        ("pairing_agreement.pdf", lambda: render_letter("pairing-agreement", cases.one_on_one)),
        ("dossier.pdf", lambda: dossier.render_dossier(cases.fee_waiver)),
        ("year_report.pdf", lambda: year_report.render_year_report(area, year)),
    ]
    return jobs
