"""The steps the three flows share, built once here.

Each function returns a new node, so every flow gets its own instance; the flow modules keep
naming the nodes (`verify = common.verify()`), and those attribute names are what viewflow
stores in the database ("flows/<module>.<Flow>.<node>"), so they must not change.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from . import views
from .gateways import Switch
from .nodes import SignOff, Step

SIGN_OFF = {
    1: (_("First-level sign-off (审批)"), "cases.sign_off_first", "first_approver"),
    2: (_("Second-level sign-off (领导审批)"), "cases.sign_off_second", "second_approver"),
}
ANSWER_TITLE = {
    1: _("Answer the approver (补充材料)"),
    2: _("Answer the leader (补充材料)"),
}
LEVEL_NAME = {1: "first", 2: "second"}


def _with_deadline_timers(node):
    return node.OnTimeout(this.reminder_due, this.remind, interrupting=False).OnTimeout(
        this.escalation_due, this.escalate, interrupting=False
    )


def verify():
    node = (
        Step(views.VerifyView.as_view(), days="verification_days")
        .Annotation(title=_("Verify (调查核实)"))
        .Permission("cases.add_verificationreport")
    )
    return _with_deadline_timers(node).Next(this.sign_off_first)


def sign_off(level):
    title, permission, assignee = SIGN_OFF[level]
    node = (
        SignOff(views.SignOffView.as_view(), level=level)
        .Annotation(title=title)
        .Permission(permission)
        .Assign(getattr(this, assignee))
    )
    return _with_deadline_timers(node).Next(getattr(this, f"after_{LEVEL_NAME[level]}"))


def after_sign_off(level):
    """Returned → answer; refused → end; approved → second level when needed, else dispatch."""
    switch = (
        Switch()
        .Case(getattr(this, f"answer_{LEVEL_NAME[level]}"), this.is_returned)
        .Case(this.refused, this.is_refused)
    )
    if level == 1:
        switch = switch.Case(this.sign_off_second, this.awaits_second)
    return switch.Default(this.dispatch)


def answer(level):
    """The case worker answers a return; the request goes back to the same sign-off."""
    return (
        Step(views.AnswerReturnView.as_view())
        .Annotation(title=ANSWER_TITLE[level])
        .Permission("cases.change_assistancerequest")
        .Assign(this.case_worker)
        .Next(getattr(this, f"sign_off_{LEVEL_NAME[level]}"))
    )


def dispatch():
    return (
        Step(views.DispatchView.as_view())
        .Annotation(title=_("Dispatch to a team (派单)"))
        .Permission("cases.add_dispatch")
        .Assign(this.case_worker)
        .Next(this.accept)
    )


def accept():
    """The team leader answers the offer; unanswered, it lapses back to dispatch."""
    return (
        Step(views.AcceptView.as_view(), days=views.offer_period)
        .Annotation(title=_("Accept the work (接单)"))
        .Permission("cases.change_dispatch")
        .Assign(this.team_leader)
        .OnTimeout(this.offer_reminder_due, this.remind, interrupting=False)
        .OnTimeout(this.offer_expires_at, this.expire_offer, title=_("Offer expires"))
        .Next(this.after_accept)
    )


def expire_offer():
    return flow.Function(this.lapse_offer).Next(this.dispatch)


def deliver(next_step):
    return (
        Step(views.DeliveryView.as_view())
        .Annotation(title=_("Confirm the work done (服务记录)"))
        .Permission("cases.change_dispatch")
        .Assign(this.team_leader)
        .Next(next_step)
    )


def follow_up():
    return (
        Step(views.FollowUpView.as_view(), days=views.follow_up_due)
        .Annotation(title=_("Follow up (回访)"))
        .Permission("cases.add_followup")
        .Assign(this.case_worker)
        .OnTimeout(this.reminder_due, this.remind, interrupting=False)
        .Next(this.close)
    )


def close():
    return (
        Step(views.CloseView.as_view())
        .Annotation(title=_("Close with the outcome (结案)"))
        .Permission("cases.add_outcome")
        .Assign(this.case_worker)
        .Next(this.end)
    )


def remind():
    return flow.Function(this.send_reminder).Next(this.reminded)


def escalate():
    return flow.Function(this.send_escalation).Next(this.reminded)
