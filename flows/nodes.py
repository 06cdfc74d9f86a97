"""Node types shared by the three assistance flows.

`Step` is a human task with a due date (stored on the task as bookkeeping) and row
visibility: a user who may not see the request may neither take nor execute its task.
`SignOff` adds the four-eyes rule. Both are checked again by the services.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from viewflow.workflow import flow
from viewflow.workflow.flow.nodes import TimerBoundary
from viewflow.workflow.status import STATUS

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
    """May `user` see the task's request? Asked by can_assign and can_execute in turn, so
    the answer is kept on the task object for that user."""
    answers = task.__dict__.setdefault("_visible_to", {})
    if user.pk not in answers:
        assistance_request = assistance_request_of(task)
        answers[user.pk] = (
            assistance_requests_visible_to(user).filter(pk=assistance_request.pk).exists()
        )
    return answers[user.pk]


def due_of(task):
    value = (task.data or {}).get("due")
    return parse_datetime(value) if value else None


def end_of_day(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


class Deadline(TimerBoundary):
    """A step's deadline timer (reminder, escalation, offer expiry): the same rows and states
    as viewflow's boundary timer, written with fewer statements.

    Viewflow arms each timer inside a savepoint and cancels each one by loading its task and
    both process rows again; with two deadlines per step that was a quarter of a
    transition's SQL. Here arming is insert, link, one update, and the host's open timers
    are cancelled with one UPDATE (cancelling a timer sends no signal, so nothing is missed).
    """

    def _arm(self, host_activation):
        task = self.flow_class.task_class(
            process=host_activation.process, flow_task=self, token=host_activation.task.token
        )
        task.data = {}
        task.save()
        task.previous.add(host_activation.task)
        delay = self._delay
        if callable(delay):
            activation = self.activation_class(task)
            activation.task = _Arming(task, host_activation.task)
            delay = delay(activation)
        if isinstance(delay, timedelta):
            delay = timezone.now() + delay
        if not isinstance(delay, datetime):
            raise ValueError(f"Timer delay must be a timedelta or datetime, got {delay!r}")
        task.status, task.scheduled = STATUS.SCHEDULED, delay
        task.save(update_fields=["status", "scheduled"])

    def _on_host_finished(self, **signal_kwargs):
        host_task = signal_kwargs["task"]
        if host_task.flow_task != self._attached_to or getattr(host_task, "_disarmed", False):
            return
        host_task._disarmed = True  # one UPDATE for all of the host's deadlines
        deadlines = [b for b in self._attached_to._boundary_events if isinstance(b, Deadline)]
        self.flow_class.task_class._default_manager.filter(
            flow_task__in=deadlines,
            process_id=host_task.process_id,
            previous=host_task,
            status__in=[STATUS.NEW, STATUS.SCHEDULED],
        ).update(status=STATUS.CANCELED, finished=timezone.now())


class _Arming:
    """The timer task as the deadline functions (flows.base) see it while it is armed:
    they read the host step's due date through `task.previous.get()`, answered from memory."""

    def __init__(self, task, host):
        self._task, self._host = task, host
        self.previous = self

    def get(self):
        return self._host

    def __getattr__(self, name):
        return getattr(self._task, name)


class Step(flow.View):
    """A human step with a deadline: `days` names an OfficeSettings field or is a callable."""

    def __init__(self, view, *, days="step_days", **kwargs):
        super().__init__(view, **kwargs)
        self._days = days

    def OnTimeout(self, delay, then, interrupting=True, title=None):  # noqa: N802 - viewflow's name
        """As viewflow's, with the cheaper `Deadline` timer (node names stay `<step>__timeout`)."""
        boundary = Deadline(None, delay=delay, interrupting=interrupting).Next(then)
        if title is not None:
            boundary.Annotation(title=title)
        self._boundary_specs.append(("timeout", boundary))
        return self

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
