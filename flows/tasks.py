"""Task lists shared by the task pages and the API: inbox, queue, and one visible task.

Only tasks of requests the user may see (the request selector), and the queue leaves out
the sign-offs the user may not give (four-eyes), so nobody is offered what they may not do.
Both lists name the flows' steps, so the database reads them from the partial indexes on
open tasks (flows_task_inbox, flows_task_queue; docs/query-plans.md).
"""

from django.db.models import Count, Exists, OuterRef, Q, Window
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.models import Decision
from cases.selectors import visible_through

from .filters import human_step_refs
from .nodes import SignOff, visible

REQUEST = "process__assistanceprocess__assistance_request"
AR = f"{REQUEST}__"
OPEN = (STATUS.NEW, STATUS.ASSIGNED)  # a human task still to be done: waiting or taken
SHOWN = ("process", f"{AR}beneficiary", "owner")  # what task lists show of a task
LIST_FIELDS = (
    "flow_task", "status", "created", "finished", "data", "process__flow_class",
    f"{AR}kind", f"{AR}beneficiary__name",
)  # fmt: skip


def visible_tasks(queryset, user):
    """Tasks of requests `user` may see, checked per task (the lists start from few rows)."""
    return queryset.filter(visible_through(user, REQUEST)).select_related(*SHOWN)


def ids_with_total(queryset):
    """(pk, total) rows of a task list: sliced, a page's ids and the list's total in one
    query (the first step of a task page, flows.viewsets.TaskPaginator)."""
    return queryset.annotate(total=Window(Count("pk"))).values_list("pk", "total")


def shown(ids):
    """The tasks with these ids, with the columns of the inbox and queue pages and nothing
    more (the second step)."""
    tasks = Task.objects.filter(pk__in=ids).order_by()  # by_ids puts them in order
    return tasks.select_related(f"{AR}beneficiary").only(*LIST_FIELDS)


def by_ids(ids):
    """`shown(ids)` in the order of `ids`."""
    found = shown(ids).in_bulk()
    return [found[pk] for pk in ids if pk in found]


def without_refused_sign_offs(queryset, user, flow_classes):
    """Leave out the sign-off tasks `user` may not give (they registered, verified or signed
    the first level). EXISTS, not a join, so the list needs no DISTINCT."""
    mine = Q(**{f"{AR}submitted_by": user}) | Q(**{f"{AR}verified_by": user})
    approved_first = Exists(
        Decision.objects.filter(
            assistance_request=OuterRef(REQUEST), approver=user, level=1, outcome="approve"
        )
    )
    for flow_class in flow_classes:
        for node in flow_class.instance.nodes():
            if isinstance(node, SignOff):
                refused = mine | approved_first if node.level == 2 else mine
                queryset = queryset.exclude(Q(flow_task=get_task_ref(node)) & refused)
    return queryset


def case_flows():
    from .runner import flow_for

    return [flow_for(kind) for kind in ("fee_waiver", "one_on_one", "farming_help")]


def human_tasks(user, flow_classes=None):
    """Every human task of the requests `user` may see, whatever its status."""
    tasks = Task.objects.filter(flow_task_type="HUMAN")
    if flow_classes is not None:
        steps = [ref for flow_class in flow_classes for ref in human_step_refs(flow_class)]
        tasks = tasks.filter(flow_task__in=steps)
    return visible_tasks(tasks, user)


def visible_task(user, pk):
    """One human task, or None when there is none or `user` may not see its request. Read
    with its request and area; visibility asked as the task's own rules ask it
    (flows.nodes.visible, which falls back on the selector), and kept on the task for the
    node's permission checks that follow."""
    task = (
        Task.objects.filter(pk=pk, flow_task_type="HUMAN")
        .select_related(f"{AR}beneficiary", f"{AR}area", "owner")
        .first()
    )
    if task is None or not visible(user, task):
        return None
    return task


def inbox(user, flow_classes=None):
    return human_tasks(user, flow_classes).filter(owner=user, status=STATUS.ASSIGNED)


def queue(user, flow_classes=None):
    """Unassigned tasks the user's permissions allow them to take."""
    flow_classes = flow_classes or case_flows()
    tasks = human_tasks(user, flow_classes).filter(status=STATUS.NEW).user_queue(user)
    return without_refused_sign_offs(tasks, user, flow_classes)


def open_tasks(**where):
    """Human tasks still to be done, filtered by `where` (no visibility check)."""
    return Task.objects.filter(flow_task_type="HUMAN", status__in=OPEN, **where)


def open_task_ids(process_id):
    """Ids of a process's open human tasks (what a completed step answers with)."""
    return list(open_tasks(process_id=process_id).order_by("id").values_list("pk", flat=True))
