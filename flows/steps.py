"""Each step of the flows as one call from code: the demo data and the tests drive cases with it.

Every function performs the request's open task of one node as `by` (through
`runner.perform`: lock, assign, the node's permission and four-eyes rules, the service, the
flow moving on), exactly as the task page would. The defaults are plain, valid answers; pass
keywords to say something else.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from cases import services

from . import runner

DEFAULT_CHECKLIST = (
    {"item": "户口簿", "received": True},
    {"item": "困难证明", "received": False},
)


def _today(day):
    return day if day is not None else timezone.localdate()


def verify(
    assistance_request,
    *,
    by,
    verified=True,
    visit_date: date | None = None,
    findings="入户核实属实",
    checklist=DEFAULT_CHECKLIST,
):
    return runner.perform(
        assistance_request,
        "verify",
        by=by,
        action=lambda ar: services.verify(
            by=by,
            assistance_request=ar,
            visit_date=_today(visit_date),
            findings=findings,
            checklist=[dict(entry) for entry in checklist],
            verified=verified,
        ),
    )


SIGN_OFF = {
    "approve": services.approve,
    "reject": services.reject,
    "return": services.return_for_info,
}


def sign(
    assistance_request, *, by, level=1, decision="approve", comment="同意", approved_amount=None
):
    """A sign-off at `level`: decision is "approve", "reject" or "return"."""
    node = "sign_off_first" if level == 1 else "sign_off_second"
    extra = {"approved_amount": approved_amount} if decision == "approve" else {}
    return runner.perform(
        assistance_request,
        node,
        by=by,
        action=lambda ar: SIGN_OFF[decision](
            by=by, assistance_request=ar, level=level, comment=comment, **extra
        ),
    )


def answer(assistance_request, *, by, level=1, text="已补充材料"):
    node = "answer_first" if level == 1 else "answer_second"
    return runner.perform(
        assistance_request,
        node,
        by=by,
        action=lambda ar: services.answer_return(by=by, assistance_request=ar, answer=text),
    )


def dispatch(assistance_request, *, by, team, note=""):
    return runner.perform(
        assistance_request,
        "dispatch",
        by=by,
        action=lambda ar: services.dispatch(by=by, assistance_request=ar, team=team, note=note),
    )


def accept(assistance_request, *, by, accepted=True, reason="人手不足"):
    return runner.perform(
        assistance_request,
        "accept",
        by=by,
        action=lambda ar: services.accept_dispatch(
            by=by, assistance_request=ar, accepted=accepted, reason="" if accepted else reason
        ),
    )


def deliver(assistance_request, *, by, delivered_on=None, hours=Decimal("4"), work_done="完成"):
    return runner.perform(
        assistance_request,
        "deliver",
        by=by,
        action=lambda ar: services.record_delivery(
            by=by,
            assistance_request=ar,
            delivered_on=_today(delivered_on),
            hours=hours,
            work_done=work_done,
        ),
    )


def file_with_court(assistance_request, *, by, filed_on=None, case_number="(2026)浙0188民初1号"):
    return runner.perform(
        assistance_request,
        "file_with_court",
        by=by,
        action=lambda ar: services.file_with_court(
            by=by, assistance_request=ar, filed_on=_today(filed_on), case_number=case_number
        ),
    )


def court_decides(
    assistance_request, *, by, decision="granted", decided_on=None, relief_amount=Decimal("1000")
):
    return runner.perform(
        assistance_request,
        "record_court_decision",
        by=by,
        action=lambda ar: services.record_court_decision(
            by=by,
            assistance_request=ar,
            decision=decision,
            decided_on=_today(decided_on),
            relief_amount=relief_amount,
        ),
    )


def follow_up(
    assistance_request, *, by, done_on=None, method="phone", findings="满意", satisfaction=5
):
    return runner.perform(
        assistance_request,
        "follow_up",
        by=by,
        action=lambda ar: services.follow_up(
            by=by,
            assistance_request=ar,
            done_on=_today(done_on),
            method=method,
            findings=findings,
            satisfaction=satisfaction,
        ),
    )


def close(
    assistance_request, *, by, result="solved", summary="已办结", amount_delivered=Decimal("1000")
):
    return runner.perform(
        assistance_request,
        "close",
        by=by,
        action=lambda ar: services.close(
            by=by,
            assistance_request=ar,
            result=result,
            summary=summary,
            amount_delivered=amount_delivered,
        ),
    )


def take(assistance_request, node_name, *, by):
    """Take the queued task of `node_name` into `by`'s inbox, without doing it."""
    return runner.claim(runner.open_task(assistance_request, node_name), by=by)
