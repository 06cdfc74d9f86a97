"""Node types shared by the three assistance flows.

`Step` is a human task with a due date (stored on the task as bookkeeping) and row
visibility: a user who may not see the request may neither take nor execute its task.
`SignOff` adds the four-eyes rule. Both are checked again by the services. A step's deadline
timers (`Deadline`) are written with the step's task. Gateways and the visit timer: gateways.py.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from viewflow.workflow import flow
from viewflow.workflow.flow.nodes import TimerBoundary
from viewflow.workflow.nodes.view import ViewActivation
from viewflow.workflow.status import STATUS

from cases.models import OfficeSettings
from cases.roles import AREA_ROLES, roles_of
from cases.selectors import area_paths, assistance_requests_visible_to
from cases.services import sign_off_refusal

from .models import AssistanceProcess


def assistance_request_of(task_or_process):
    """The request behind a task or process (read with the task, or one query; cached on
    the object)."""
    holder = task_or_process
    if not hasattr(holder, "_assistance_request"):
        holder._assistance_request = _read_with(holder) or _read_for(holder)
    return holder._assistance_request


def _read_with(task):
    """The request when it was read with the task (select_related through its process)."""
    from viewflow.workflow.models import Process, Task

    if not isinstance(task, Task) or not Task.process.is_cached(task):
        return None
    process = task.process
    if not Process.assistanceprocess.is_cached(process):
        return None
    link = process.assistanceprocess
    if link is None or not AssistanceProcess.assistance_request.is_cached(link):
        return None
    return link.assistance_request


def _read_for(holder):
    process_pk = getattr(holder, "process_id", None) or holder.pk
    process = AssistanceProcess.objects.select_related(
        "assistance_request__beneficiary", "assistance_request__area"
    ).get(pk=process_pk)
    return process.assistance_request


def visible(user, task):
    """May `user` see the task's request? Asked by can_assign and can_execute in turn, so
    the answer is kept on the task object for that user.

    A request in one of the user's own areas is visible by the selector's first rule; that
    is answered from the area already read with the task. Anyone else (team leaders,
    volunteers, a request outside the areas) is asked of the selector itself."""
    answers = task.__dict__.setdefault("_visible_to", {})
    if user.pk not in answers:
        assistance_request = assistance_request_of(task)
        answers[user.pk] = in_own_areas(user, assistance_request) or (
            assistance_requests_visible_to(user).filter(pk=assistance_request.pk).exists()
        )
    return answers[user.pk]


def in_own_areas(user, assistance_request):
    """Is the request in an area the user serves (or below one), as an area role?"""
    if not user.is_authenticated or not roles_of(user) & AREA_ROLES:
        return False
    path = assistance_request.area.path
    return any(path.startswith(prefix) for prefix in area_paths(user))


def due_of(task):
    value = (task.data or {}).get("due")
    return parse_datetime(value) if value else None


def end_of_day(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


class Deadline(TimerBoundary):
    """A step's deadline timer (reminder, escalation, offer expiry): the same rows and states
    as viewflow's boundary timer, written with fewer statements.

    Viewflow arms each timer inside a savepoint (insert, link, update) and cancels each one
    by loading its task and both process rows again; with two deadlines per step that was a
    quarter of a transition's SQL. Here a step and its timers are written together — the
    due moments computed first, then one INSERT of the step's task and its timers and one
    of their links (StepActivation.create) — and the host's open timers are cancelled with
    one UPDATE (cancelling a timer sends no signal, so nothing is missed).
    """

    def _arm(self, host_activation):
        timers = deadline_timers([self], host_activation)
        _insert_with_links([(timer, host_activation.task) for timer in timers])

    def due(self, host_activation):
        """The moment this timer fires for the host task being created."""
        task = self.flow_class.task_class(
            process=host_activation.process, flow_task=self, token=host_activation.task.token
        )
        activation = self.activation_class(task)
        activation.task = _Arming(task, host_activation.task)
        return due_at(self._delay, activation)

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


def due_at(delay, activation):
    """A timer's due moment, as viewflow's TimerActivation.activate computes it."""
    if callable(delay):
        delay = delay(activation)
    if isinstance(delay, timedelta):
        delay = timezone.now() + delay
    if not isinstance(delay, datetime):
        raise ValueError(f"Timer delay must be a timedelta or datetime, got {delay!r}")
    return delay


def deadline_timers(deadlines, host_activation):
    """The timer tasks of a host task being created, unsaved and already scheduled."""
    host = host_activation.task
    return [
        deadline.flow_class.task_class(
            process=host_activation.process,
            flow_task=deadline,
            flow_task_type=deadline.task_type,
            token=host.token,
            data={},
            status=STATUS.SCHEDULED,
            scheduled=deadline.due(host_activation),
        )
        for deadline in deadlines
    ]


def _insert_with_links(pairs):
    """Insert the (task, previous task) pairs' tasks in one statement, their links in one."""
    if not pairs:
        return
    task_class = type(pairs[0][0])
    task_class._default_manager.bulk_create([task for task, _previous in pairs])
    link = task_class.previous.through
    link._default_manager.bulk_create(
        [link(from_task_id=task.pk, to_task_id=previous.pk) for task, previous in pairs]
    )


class StepActivation(ViewActivation):
    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        """As viewflow's ViewActivation.create (owner permission, owner, the link to the
        previous task, the node's on-create hook), with the step's deadline timers written
        in the same two INSERTs: the tasks, then their links."""
        task = flow_task.flow_class.task_class(
            process=prev_activation.process,
            flow_task=flow_task,
            flow_task_type=flow_task.task_type,
            token=token,
            data=data if data is not None else {},
        )
        task.seed = seed
        activation = cls(task)
        owner_permission = flow_task.calc_owner_permission(activation)
        if owner_permission:
            task.owner_permission = owner_permission
            task.owner_permission_obj = flow_task.calc_owner_permission_obj(activation)
        owner = flow_task.calc_owner(activation)
        if owner:
            task.owner, task.status = owner, STATUS.ASSIGNED
        deadlines = [b for b in flow_task._boundary_events if isinstance(b, Deadline)]
        timers = deadline_timers(deadlines, activation)
        _insert_with_links([(task, prev_activation.task), *((timer, task) for timer in timers)])
        if flow_task._on_create is not None:
            flow_task._on_create(activation)
        return activation


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

    activation_class = StepActivation

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
        # As viewflow's Node._create; StepActivation.create has armed the deadline timers.
        activation = self.activation_class.create(
            self, prev_activation, token, data=data, seed=seed
        )
        for boundary in self._boundary_events:
            if not isinstance(boundary, Deadline):
                boundary._arm(activation)
        return activation

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
