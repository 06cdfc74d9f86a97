"""Task lists shared by the task pages and the API: inbox, queue, and one visible task.

Only tasks of requests the user may see (the request selector), and the queue leaves out
the sign-offs the user may not give (four-eyes), so nobody is offered what they may not do.
"""

from django.db.models import Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.selectors import assistance_requests_visible_to

from .nodes import SignOff

REQUEST = "process__assistanceprocess__assistance_request"
AR = f"{REQUEST}__"


def visible_tasks(queryset, user):
    return queryset.filter(
        **{f"{AR}in": assistance_requests_visible_to(user).values("pk")}
    ).select_related(f"{AR}beneficiary", "owner")


def without_refused_sign_offs(queryset, user, flow_classes):
    """Leave out the sign-off tasks `user` may not give (they registered, verified or signed)."""
    mine = Q(**{f"{AR}submitted_by": user}) | Q(**{f"{AR}verified_by": user})
    first = Q(
        **{f"{AR}decisions__approver": user, f"{AR}decisions__level": 1},
        **{f"{AR}decisions__outcome": "approve"},
    )
    for flow_class in flow_classes:
        for node in flow_class.instance.nodes():
            if isinstance(node, SignOff):
                refused = mine | first if node.level == 2 else mine
                queryset = queryset.exclude(Q(flow_task=node) & refused)
    return queryset


def case_flows():
    from .runner import flow_for

    return [flow_for(kind) for kind in ("fee_waiver", "one_on_one", "farming_help")]


def human_tasks(user):
    """Every human task of the requests `user` may see, whatever its status."""
    return visible_tasks(Task.objects.filter(flow_task_type="HUMAN"), user)


def inbox(user):
    return human_tasks(user).filter(owner=user, status=STATUS.ASSIGNED)


def queue(user):
    """Unassigned tasks the user's permissions allow them to take."""
    tasks = human_tasks(user).filter(status=STATUS.NEW).user_queue(user)
    return without_refused_sign_offs(tasks, user, case_flows()).distinct()
