"""Starting flows and performing their steps from code (demo data, commands, tests).

The browser goes through the task views; this does the same for one task: take the process
lock, assign the task if it is still in the queue, check the node's rules for the user, call
the service, and move the flow on.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases import audit, services
from cases.errors import DomainError
from cases.models import AssistanceRequest, Kind

from .nodes import assistance_request_of
from .tasks import OPEN, open_tasks


def flow_for(kind):
    from .farming_help import FarmingHelpFlow
    from .fee_waiver import FeeWaiverFlow
    from .one_on_one import OneOnOneFlow

    return {
        Kind.FEE_WAIVER: FeeWaiverFlow,
        Kind.ONE_ON_ONE: OneOnOneFlow,
        Kind.FARMING_HELP: FarmingHelpFlow,
    }[kind]


@transaction.atomic
def submit(*, by, kind, **data):
    """Register a request (the service) and start its flow."""
    assistance_request = services.submit_request(by=by, kind=kind, **data)
    flow_for(kind).register.run(assistance_request=assistance_request)
    return assistance_request


def open_task(assistance_request, node_name=None):
    """The request's open human task (optionally of one node)."""
    task = open_tasks(**_of_request(assistance_request)).order_by("-id").first()
    if node_name is not None and (task is None or task.flow_task.name != node_name):
        raise LookupError(f"no open {node_name} task (open: {task and task.flow_task.name})")
    return task


def _of_request(assistance_request):
    """Tasks of the request: by its process when the object knows it (started or stepped
    through here), else through the process table."""
    if isinstance(assistance_request, AssistanceRequest) and AssistanceRequest.process.is_cached(
        assistance_request
    ):
        return {"process_id": assistance_request.process.pk}
    return {"process__assistanceprocess__assistance_request": assistance_request}


def perform(assistance_request, node_name, *, by, action):
    """Do one step as `by`: `action(assistance_request)` calls the service.

    `assistance_request` ends up as the step left it (its fields copied from the row read
    under the lock, which the service changed), without reading it again.
    """
    task = open_task(assistance_request, node_name)
    seen = []

    def act(locked_request):
        seen.append(locked_request)
        return action(locked_request)

    result = perform_task(task, by=by, action=act)
    _copy_fields(seen[0], assistance_request)
    return result


def _copy_fields(source, target):
    if source is target:
        return
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.fields_cache = dict(source._state.fields_cache)
    target.__dict__.pop("_prefetched_objects_cache", None)


_REQUEST = "process__assistanceprocess__assistance_request"
_WITH_REQUEST = (
    "owner",
    f"{_REQUEST}__beneficiary",
    f"{_REQUEST}__area",
    # Who gets the next step (flows.base.CaseFlowMixin.case_worker).
    f"{_REQUEST}__verified_by",
    f"{_REQUEST}__submitted_by",
)


def _with_request(task):
    """What to read with the task: the request, and its kind's detail row (sign-off
    threshold, pairing term, farming window). Only that kind's: with all three detail
    tables the query joins twelve tables, and PostgreSQL then spends longer planning it
    (its genetic optimiser starts at twelve) than running it."""
    kind = task.flow_task.flow_class.process_class.kind
    return (*_WITH_REQUEST, f"{_REQUEST}__{kind}")


class TaskClosed(DomainError):
    """The task was finished or cancelled meanwhile (someone else was quicker)."""

    def __init__(self):
        super().__init__(_("This task is no longer open."), code="task_closed")


def _locked(task):
    """The task read again under its process lock (use inside `with flow_class.lock(...)`)."""
    task = Task.objects.select_related(*_with_request(task)).get(pk=task.pk)
    if task.status not in OPEN:
        raise TaskClosed
    # One read for the task, its process (as the flow's subclass) and the request: the
    # activation, the nodes' rules, the service and the next nodes all use these objects.
    process = task.process.coerced
    process._assistance_request = task._assistance_request = process.assistance_request
    return task


def perform_task(task, *, by, action, node_name=None):
    """Do `task` as `by` under the process lock: the page, the API and the tests share this.

    Takes the task if it is still in the queue, checks the node's rules for the user (row
    visibility, four-eyes), calls `action(assistance_request)` and moves the flow on.
    """
    flow_class = task.flow_task.flow_class
    # The lock is a transaction of its own (select_for_update_lock): no savepoint inside.
    # The step's events are chained when the step is done, just before the commit: the
    # chain's head, which every writer of events waits for, is locked only from there on.
    with flow_class.lock(task.process_id), transaction.atomic(savepoint=False), audit.deferred():
        task = _locked(task)
        flow_task = task.flow_task
        if node_name is not None and flow_task.name != node_name:
            raise TaskClosed
        activation = flow_task.activation_class(task)
        if task.status == STATUS.NEW:
            if not flow_task.can_assign(by, task):
                raise PermissionDenied(f"{by} may not take {flow_task.name}")
            activation.assign(by)
        if not flow_task.can_execute(by, task):
            raise PermissionDenied(f"{by} may not do {flow_task.name}")
        activation.start(None)
        result = action(assistance_request_of(task))
        activation.execute()
    return result


def claim(task, *, by):
    """Take a task from the queue."""
    with task.flow_task.flow_class.lock(task.process_id), transaction.atomic():
        task = _locked(task)
        if not task.flow_task.can_assign(by, task):
            raise PermissionDenied(f"{by} may not take this task")
        task.flow_task.activation_class(task).assign(by)
    return task


def unclaim(task, *, by):
    """Put a task one holds back in the queue."""
    with task.flow_task.flow_class.lock(task.process_id), transaction.atomic():
        task = _locked(task)
        if not task.flow_task.can_unassign(by, task):
            raise PermissionDenied(f"{by} may not release this task")
        task.flow_task.activation_class(task).unassign()
    return task


@transaction.atomic
def stop(*, by, assistance_request, reason, withdraw=False):
    """Withdraw (the submitter) or cancel (a leader): the service, then cancel the process."""
    if withdraw:
        services.withdraw(by=by, assistance_request=assistance_request, reason=reason)
    else:
        services.cancel(by=by, assistance_request=assistance_request, reason=reason)
    process = assistance_request.process
    process.flow_class.instance.cancel(process)
    return assistance_request
