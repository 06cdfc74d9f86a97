"""诉讼费缓减免: litigation-fee relief, from intake to the court's decision and close."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from . import steps_common as common
from . import views
from .base import CaseFlowMixin
from .gateways import If
from .models import FeeWaiverProcess
from .nodes import Step


class FeeWaiverFlow(CaseFlowMixin, flow.Flow):
    process_class = FeeWaiverProcess
    process_title = _("Litigation-fee relief")
    process_description = _("Deferral, reduction or exemption of court fees (Decree No. 481).")

    register = flow.StartHandle(this.start_case).Next(this.verify)

    verify = common.verify()
    sign_off_first = common.sign_off(level=1)
    after_first = common.after_sign_off(level=1)
    answer_first = common.answer(level=1)
    sign_off_second = common.sign_off(level=2)
    after_second = common.after_sign_off(level=2)
    answer_second = common.answer(level=2)
    dispatch = common.dispatch()
    accept = common.accept()
    expire_offer = common.expire_offer()
    after_accept = If(this.is_accepted).Then(this.deliver).Else(this.dispatch)
    deliver = common.deliver(this.file_with_court)
    file_with_court = (
        Step(views.FileWithCourtView.as_view())
        .Annotation(title=_("File with the court (递交法院)"))
        .Permission("cases.change_assistancerequest")
        .Assign(this.case_worker)
        .Next(this.record_court_decision)
    )
    record_court_decision = (
        Step(views.CourtDecisionView.as_view(), days="step_days")
        .Annotation(title=_("Record the court's decision (法院决定)"))
        .Permission("cases.change_assistancerequest")
        .Assign(this.case_worker)
        .Next(this.follow_up)
    )
    follow_up = common.follow_up()
    close = common.close()
    remind = common.remind()
    escalate = common.escalate()
    reminded = flow.End()
    refused = flow.End()
    end = flow.End()
