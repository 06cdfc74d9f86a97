"""帮耕帮种: help with farming work in the harvest-and-planting seasons."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from . import steps_common as common
from .base import CaseFlowMixin
from .gateways import If
from .models import FarmingHelpProcess


class FarmingHelpFlow(CaseFlowMixin, flow.Flow):
    process_class = FarmingHelpProcess
    process_title = _("Help with farming work")
    process_description = _("Village teams help households that lack labour, or pay in lieu.")

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
    deliver = common.deliver(this.follow_up)
    follow_up = common.follow_up()
    close = common.close()
    remind = common.remind()
    escalate = common.escalate()
    reminded = flow.End()
    refused = flow.End()
    end = flow.End()
