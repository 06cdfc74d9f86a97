"""Approval and rejection notices to the beneficiary (审批结果通知书)."""

from ..models import Decision, Kind, Relief, Status
from . import labels
from .activity import accepted_dispatch
from .common import letterhead, lines, person, yuan, zh_date, zh_datetime

APPROVAL_TEMPLATE = "documents/approval_notice.html"
REJECTION_TEMPLATE = "documents/rejection_notice.html"
# Statuses a request reaches only after its last sign-off approved it.
APPROVED_STATUSES = {
    Status.APPROVED,
    Status.DISPATCHED,
    Status.IN_DELIVERY,
    Status.COURT_FILING,
    Status.AT_COURT,
    Status.FOLLOW_UP,
    Status.TO_CLOSE,
    Status.CLOSED,
}


def is_approved(assistance_request):
    return assistance_request.status in APPROVED_STATUSES


def is_rejected(assistance_request):
    return assistance_request.status == Status.REJECTED


def sign_offs(assistance_request):
    """Every sign-off with who signed and when, oldest first."""
    return [
        {
            "level": labels.LEVEL[d.level],
            "outcome": labels.DECISION[d.outcome],
            "approver": str(d.approver),
            "at": zh_datetime(d.signed_at),
            "comment": d.comment,
            "approved_amount": yuan(d.approved_amount) if d.approved_amount is not None else "",
            "answer": d.answer,
            "answered_by": str(d.answered_by or ""),
            "answered_at": zh_datetime(d.answered_at) if d.answered_at else "",
        }
        for d in assistance_request.decisions.select_related("approver", "answered_by")
    ]


def what_was_granted(assistance_request):
    """The help approved, as (label, value) rows for the kind of request."""
    detail = assistance_request.detail
    if assistance_request.kind == Kind.FEE_WAIVER:
        relief = labels.RELIEF[detail.relief_sought]
        if detail.relief_sought == Relief.REDUCE:
            relief += f"{detail.reduction_percent}%"
        article, _words, _relief = labels.legal_ground(detail.legal_ground, detail.relief_sought)
        return [
            ("受理法院", detail.court),
            ("诉讼费用", yuan(detail.fee_amount)),
            ("支持申请", f"{relief}诉讼费用（{yuan(detail.relief_value())}）"),
            ("法律依据", f"{labels.DECREE}{article}"),
        ]
    if assistance_request.kind == Kind.ONE_ON_ONE:
        return [
            ("帮扶项目", detail.project),
            ("帮扶方式", help_kinds(detail)),
            ("帮扶期限", f"{zh_date(detail.term_start)}至{zh_date(detail.term_end)}"),
            ("走访安排", f"每{detail.visit_interval_days}天走访一次"),
        ]
    rows = [
        ("作业季节", labels.SEASON[detail.season]),
        ("作物与面积", f"{detail.crops}，{detail.area_mu}亩"),
        ("作业内容", detail.tasks),
        ("作业时间", f"{zh_date(detail.window_start)}至{zh_date(detail.window_end)}"),
        ("帮扶方式", labels.FARMING_MODE[detail.mode]),
    ]
    if detail.money_amount:
        rows.append(("代劳金额", yuan(detail.money_amount)))
    return rows


def help_kinds(detail):
    kinds = []
    if detail.help_funds:
        kinds.append(f"资金帮扶{yuan(detail.funds_amount)}")
    if detail.help_labour:
        kinds.append("劳力帮扶")
    if detail.help_know_how:
        kinds.append("技术帮扶")
    return "、".join(kinds)


def _common(assistance_request, code):
    submitted_by = assistance_request.submitted_by
    return {
        "head": letterhead(assistance_request, code),
        "person": person(assistance_request.beneficiary),
        "submitted_on": zh_date(assistance_request.submitted_at),
        "summary": assistance_request.summary,
        "sign_offs": sign_offs(assistance_request),
        "case_worker": str(submitted_by),
    }


def gather_approval(assistance_request):
    if not is_approved(assistance_request):
        raise ValueError("this request has not been approved")
    dispatch = accepted_dispatch(assistance_request)
    amounts = [d.approved_amount for d in assistance_request.decisions.all() if d.approved_amount]
    return {
        **_common(assistance_request, "准"),
        "granted": what_was_granted(assistance_request),
        "approved_amount": yuan(amounts[-1]) if amounts else "",
        "team": dispatch.team.name if dispatch else "",
        "is_fee_waiver": assistance_request.kind == Kind.FEE_WAIVER,
    }


def gather_rejection(assistance_request):
    if not is_rejected(assistance_request):
        raise ValueError("this request has not been rejected")
    rejection = (
        assistance_request.decisions.filter(outcome=Decision.Outcome.REJECT)
        .select_related("approver")
        .last()
    )
    return {
        **_common(assistance_request, "复"),
        "reasons": lines(rejection.comment),
        "rejected_by": str(rejection.approver),
        "rejected_at": zh_date(rejection.signed_at),
    }
