"""Filters of the inbox and queue pages that cost no query of their own.

Viewflow's task-list filter asks the task table for its DISTINCT steps and lists every
process with a task on the page in a drop-down: two more queries per page, and a drop-down
that grows with the data. Here the steps come from the flow's definition and a case is
picked by its number.
"""

from functools import cache

from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateRangeFilter, FilterSet, NumberFilter
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow.views.mixins import StoreRequestPathMixin
from viewflow.workflow.models import Task
from viewflow.workflow.nodes import View

PIN = "vf-pin-location"  # viewflow's session key for "back to the list"


class TaskListFilter(FilterSet):
    case = NumberFilter(
        field_name="process__assistanceprocess__assistance_request", label=_("Case")
    )
    flow_task = ChoiceFilter(label=_("Task"))
    created = DateRangeFilter()

    class Meta:
        model = Task
        fields = ("case", "flow_task", "created")


def human_steps(flow_class):
    """(stored reference, title) of the flow's human steps, in the flow's order."""
    return [
        (get_task_ref(node), str(node.task_title or node.name))
        for node in flow_class.instance.nodes()
        if isinstance(node, View)
    ]


@cache
def human_step_refs(flow_class):
    """The stored references alone, once per flow (the task lists filter by them)."""
    return tuple(ref for ref, _title in human_steps(flow_class))


class TaskFilterMixin:
    """For the inbox and queue views (viewflow list views of one flow)."""

    filterset_class = TaskListFilter

    def dispatch(self, request, *args, **kwargs):
        # Viewflow's StoreRequestPathMixin writes the page's address into the session on
        # every visit, which saves the session row each time; skip it when it is unchanged.
        if request.session.get(PIN) == request.get_full_path():
            return super(StoreRequestPathMixin, self).dispatch(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset(self, filterset_class, queryset):
        filterset = super().get_filterset(filterset_class, queryset)
        filterset.filters["flow_task"].field.choices = human_steps(self.flow_class)
        return filterset
