"""一助一结对帮扶: one-on-one assistance, from intake to the end-of-term follow-up and close."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from . import steps_common as common
from .base import CaseFlowMixin
from .gateways import If, Timer
from .models import OneOnOneProcess


class OneOnOneFlow(CaseFlowMixin, flow.Flow):
    process_class = OneOnOneProcess
    process_title = _("One-on-one assistance")
    process_description = _(
        "A helper paired with a household for a term: funds, labour or know-how."
    )

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
    after_accept = If(this.is_accepted).Then(this.start_pairing).Else(this.dispatch)
    # While the pairing runs, a timer wakes at each visit's due date plus the grace period
    # and raises a missed-visit alert if no visit was logged; it loops until the pairing ends.
    start_pairing = flow.Split().Next(this.deliver).Next(this.await_visit)
    await_visit = (
        Timer(this.visit_check_at)
        .Annotation(title=_("Wait for the next visit (回访周期)"))
        .Next(this.check_visit)
    )
    check_visit = (
        flow.Function(this.check_missed_visit)
        .Annotation(title=_("Check the visit was made"))
        .Next(this.visits_go_on)
    )
    visits_go_on = If(this.pairing_active).Then(this.await_visit).Else(this.visits_over)
    visits_over = flow.End()
    deliver = common.deliver(this.follow_up)
    follow_up = common.follow_up()
    close = common.close()
    remind = common.remind()
    escalate = common.escalate()
    reminded = flow.End()
    refused = flow.End()
    end = flow.TerminateEnd()  # also stops the visit timer of the pairing
