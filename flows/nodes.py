"""Node types shared by the three assistance flows.

`Step` is a human task with a due date (stored on the task as bookkeeping) and row
visibility: a user who may not see the request may neither take nor execute its task.
`SignOff` adds the four-eyes rule. Both are checked again by the services.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from viewflow.workflow import flow

from cases.models import OfficeSettings
from cases.selectors import assistance_requests_visible_to
from cases.services import sign_off_refusal

from .models import AssistanceProcess


def assistance_request_of(task_or_process):
    """The request behind a task or process (one query, cached on the object)."""
    holder = task_or_process
    if not hasattr(holder, "_assistance_request"):
        process_pk = getattr(holder, "process_id", None) or holder.pk
        process = AssistanceProcess.objects.select_related(
            "assistance_request__beneficiary", "assistance_request__area"
        ).get(pk=process_pk)
        holder._assistance_request = process.assistance_request
    return holder._assistance_request


def visible(user, task):
    assistance_request = assistance_request_of(task)
    return assistance_requests_visible_to(user).filter(pk=assistance_request.pk).exists()


def due_of(task):
    value = (task.data or {}).get("due")
    return parse_datetime(value) if value else None


def end_of_day(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


class Step(flow.View):
    """A human step with a deadline: `days` names an OfficeSettings field or is a callable."""

    def __init__(self, view, *, days="step_days", **kwargs):
        super().__init__(view, **kwargs)
        self._days = days

    def period(self, activation):
        if callable(self._days):
            return self._days(activation)
        return timedelta(days=getattr(OfficeSettings.current(), self._days))

    def _create(self, prev_activation, token, data=None, seed=None):
        period = self.period(prev_activation)
        if isinstance(period, datetime):  # an absolute due moment (follow-up as scheduled)
            due, period = period, timedelta(days=OfficeSettings.current().step_days)
        else:
            due = timezone.now() + period
        data = {
            **(data or {}),
            "due": due.isoformat(),
            "escalate_at": (due + period).isoformat(),
        }
        return super()._create(prev_activation, token, data=data, seed=seed)

    def can_assign(self, user, task):
        return super().can_assign(user, task) and visible(user, task)

    def can_execute(self, user, task):
        return super().can_execute(user, task) and visible(user, task)


class SignOff(Step):
    def __init__(self, view, *, level, **kwargs):
        super().__init__(view, days="sign_off_days", **kwargs)
        self.level = level

    def may_sign(self, user, task):
        return sign_off_refusal(assistance_request_of(task), user, self.level) is None

    def can_assign(self, user, task):
        return super().can_assign(user, task) and self.may_sign(user, task)

    def can_execute(self, user, task):
        return super().can_execute(user, task) and self.may_sign(user, task)
