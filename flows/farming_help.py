"""帮耕帮种: help with farming work in the harvest-and-planting seasons."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from . import views
from .base import CaseFlowMixin
from .models import FarmingHelpProcess
from .nodes import SignOff, Step

FOLLOW_UP_DUE = views.follow_up_due
OFFER_PERIOD = views.offer_period


class FarmingHelpFlow(CaseFlowMixin, flow.Flow):
    process_class = FarmingHelpProcess
    process_title = _("Help with farming work")
    process_description = _("Village teams help households that lack labour, or pay in lieu.")

    register = flow.StartHandle(this.start_case).Next(this.verify)

    verify = (
        Step(views.VerifyView.as_view(), days="verification_days")
        .Annotation(title=_("Verify (调查核实)"))
        .Permission("cases.add_verificationreport")
        .OnTimeout(this.reminder_due, this.remind, interrupting=False)
        .OnTimeout(this.escalation_due, this.escalate, interrupting=False)
        .Next(this.sign_off_first)
    )
    sign_off_first = (
        SignOff(views.SignOffView.as_view(), level=1)
        .Annotation(title=_("First-level sign-off (审批)"))
        .Permission("cases.sign_off_first")
        .Assign(this.first_approver)
        .OnTimeout(this.reminder_due, this.remind, interrupting=False)
        .OnTimeout(this.escalation_due, this.escalate, interrupting=False)
        .Next(this.after_first)
    )
    after_first = (
        flow.Switch()
        .Case(this.answer_first, this.is_returned)
        .Case(this.refused, this.is_refused)
        .Case(this.sign_off_second, this.awaits_second)
        .Default(this.dispatch)
    )
    answer_first = (
        Step(views.AnswerReturnView.as_view())
        .Annotation(title=_("Answer the approver (补充材料)"))
        .Permission("cases.change_assistancerequest")
        .Assign(this.case_worker)
        .Next(this.sign_off_first)
    )
    sign_off_second = (
        SignOff(views.SignOffView.as_view(), level=2)
        .Annotation(title=_("Second-level sign-off (领导审批)"))
        .Permission("cases.sign_off_second")
        .Assign(this.second_approver)
        .OnTimeout(this.reminder_due, this.remind, interrupting=False)
        .OnTimeout(this.escalation_due, this.escalate, interrupting=False)
        .Next(this.after_second)
    )
    after_second = (
        flow.Switch()
        .Case(this.answer_second, this.is_returned)
        .Case(this.refused, this.is_refused)
        .Default(this.dispatch)
    )
    answer_second = (
        Step(views.AnswerReturnView.as_view())
        .Annotation(title=_("Answer the leader (补充材料)"))
        .Permission("cases.change_assistancerequest")
        .Assign(this.case_worker)
        .Next(this.sign_off_second)
    )
    dispatch = (
        Step(views.DispatchView.as_view())
        .Annotation(title=_("Dispatch to a team (派单)"))
        .Permission("cases.add_dispatch")
        .Assign(this.case_worker)
        .Next(this.accept)
    )
    accept = (
        Step(views.AcceptView.as_view(), days=OFFER_PERIOD)
        .Annotation(title=_("Accept the work (接单)"))
        .Permission("cases.change_dispatch")
        .Assign(this.team_leader)
        .OnTimeout(this.offer_reminder_due, this.remind, interrupting=False)
        .OnTimeout(this.offer_expires_at, this.expire_offer, title=_("Offer expires"))
        .Next(this.after_accept)
    )
    expire_offer = flow.Function(this.lapse_offer).Next(this.dispatch)
    after_accept = flow.If(this.is_accepted).Then(this.deliver).Else(this.dispatch)
    deliver = (
        Step(views.DeliveryView.as_view())
        .Annotation(title=_("Confirm the work done (服务记录)"))
        .Permission("cases.change_dispatch")
        .Assign(this.team_leader)
        .Next(this.follow_up)
    )
    follow_up = (
        Step(views.FollowUpView.as_view(), days=FOLLOW_UP_DUE)
        .Annotation(title=_("Follow up (回访)"))
        .Permission("cases.add_followup")
        .Assign(this.case_worker)
        .OnTimeout(this.reminder_due, this.remind, interrupting=False)
        .Next(this.close)
    )
    close = (
        Step(views.CloseView.as_view())
        .Annotation(title=_("Close with the outcome (结案)"))
        .Permission("cases.add_outcome")
        .Assign(this.case_worker)
        .Next(this.end)
    )
    remind = flow.Function(this.send_reminder).Next(this.reminded)
    escalate = flow.Function(this.send_escalation).Next(this.reminded)
    reminded = flow.End()
    refused = flow.End()
    end = flow.End()
