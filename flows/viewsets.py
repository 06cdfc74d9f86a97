"""The casework pages: requests, intake, the case page, and one app per flow.

Every flow URL that names a process is wrapped so that a user who may not see the request
gets 404 (not 403): someone of another area must not learn that the case exists. Inbox and
queue read only visible requests, and the queue hides sign-offs the user may not give.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from viewflow.urls import Application, ModelViewset
from viewflow.utils import Icon, viewprop
from viewflow.views import Action
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    DashboardView,
    FlowArchiveListView,
    FlowInboxListView,
    FlowQueueListView,
)
from viewflow.workflow.flow.viewset import FlowAppViewset
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.errors import DomainError
from cases.models import AssistanceRequest, Kind, Notification, OfficeSettings
from cases.selectors import assistance_requests_visible_to
from cases.viewsets import ScopedDetailView, ScopedViewset

from . import forms, runner, tasks
from .casefile import case_context
from .filters import TaskFilterMixin
from .nodes import due_of
from .views import add_domain_error

# Scoping ------------------------------------------------------------------------------


def _scoped(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None:
            visible = assistance_requests_visible_to(request.user).filter(process__pk=process_pk)
            if not visible.exists():
                raise Http404("No such case.")
        try:
            return view(request, *args, **kwargs)
        except (PermissionDenied, FlowLockFailed) as error:
            # Two people on one task: whoever comes second is told so, not shown a 403 or 500.
            answer = _taken_elsewhere(request, kwargs, error)
            if answer is None:
                raise
            return answer

    return wrapper


def _taken_elsewhere(request, kwargs, error):
    """When the task was taken or done by someone else (or its case is locked): say so and
    show the case. None when the refusal has another reason (then it stays a 403)."""
    task = Task.objects.filter(pk=kwargs.get("task_pk"), process_id=kwargs.get("process_pk"))
    task = task.only("status", "owner_id", "process_id").first()
    if task is None:
        return None
    if isinstance(error, FlowLockFailed):
        message = _("Someone else is working on this case right now. Try again in a moment.")
    elif task.status in tasks.OPEN and task.owner_id in (None, request.user.pk):
        return None  # still open to this user: refused for a reason of its own
    elif task.owner_id == request.user.pk:
        message = _("You have already done this task.")
    else:
        message = _("This task has already been handled by someone else.")
    messages.warning(request, message)
    case = AssistanceRequest.objects.filter(process__pk=task.process_id).values("pk").get()
    return redirect("casework:assistancerequest:detail", pk=case["pk"])


def _wrap_patterns(patterns):
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern.url_patterns[:] = _wrap_patterns(pattern.url_patterns)
            wrapped.append(pattern)
        elif isinstance(pattern, URLPattern):
            wrapped.append(
                URLPattern(
                    pattern.pattern, _scoped(pattern.callback), pattern.default_args, pattern.name
                )
            )
        else:
            wrapped.append(pattern)
    return wrapped


class TaskColumnsMixin:
    columns = ("task_id", "task_title", "case", "due", "created")

    def case(self, task):
        return task.process.assistanceprocess.assistance_request

    case.short_description = gettext_lazy("Case")

    def due(self, task):
        due = due_of(task)
        if due is None:
            return ""
        text = timezone.localtime(due).strftime("%Y-%m-%d %H:%M")
        if task.finished is None and due < timezone.now():
            return format_html(
                '<strong class="overdue" style="color:#c62828">⚠ {} {}</strong>', _("overdue"), text
            )
        return text

    due.short_description = gettext_lazy("Due")


class MenuCount:
    """What viewflow's flow menu prints as `{{ user_inbox.count }}`: the total the inbox or
    queue page itself counted when it shows that very list unfiltered, else one COUNT (the
    list is built only then: `tasks.inbox` or `tasks.queue` of the user and the flow)."""

    def __init__(self, request, name, flow_class):
        self.request, self.name, self.flow_class = request, name, flow_class

    def count(self):
        known = getattr(self.request, "task_list_totals", {}).get(self.name)
        if known is not None:
            return known
        return getattr(tasks, self.name)(self.request.user, [self.flow_class]).count()


class TaskListTotalMixin:
    """Hands the list's total to the menu (one COUNT per page, not two)."""

    menu_count = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if set(self.request.GET) <= {self.page_kwarg, self.ordering_kwarg}:
            self.request.task_list_totals = {self.menu_count: context["paginator"].count}
        return context


class TaskPaginator(Paginator):
    """A page of tasks read in two steps: the page's ids with the list's total, in one query
    that joins only what the filters need, then those tasks with what the columns show.
    Before, a COUNT and the page itself each planned and ran the whole join (queue page:
    30 ms of SQL, now 13; docs/query-plans.md)."""

    def page(self, number):
        rows = []
        if isinstance(number, str) and number.isdigit():
            number = int(number)
        if isinstance(number, int) and number >= 1:
            bottom = (number - 1) * self.per_page
            top = bottom + self.per_page + self.orphans
            rows = list(tasks.ids_with_total(self.object_list)[bottom:top])
            if rows:
                self.count = rows[0][1]  # Paginator.count is a cached property
                if top < self.count:
                    rows = rows[: self.per_page]
        # Not a number, or past the end: Django's own checks (a COUNT), then 404.
        number = self.validate_number(number)
        return self._get_page(tasks.by_ids([pk for pk, _total in rows]), number, self)


class InboxView(TaskListTotalMixin, TaskFilterMixin, TaskColumnsMixin, FlowInboxListView):
    menu_count = "inbox"
    paginator_class = TaskPaginator

    @viewprop
    def queryset(self):
        return tasks.inbox(self.request.user, [self.flow_class]).order_by("-created")


class QueueView(TaskListTotalMixin, TaskFilterMixin, TaskColumnsMixin, FlowQueueListView):
    menu_count = "queue"
    paginator_class = TaskPaginator

    @viewprop
    def queryset(self):
        return tasks.queue(self.request.user, [self.flow_class]).order_by("-created")


class VisibleTaskListMixin:
    """A viewflow task list limited to the tasks of requests the user may see."""

    def task_title(self, task):
        return task.title

    task_title.short_description = gettext_lazy("Task")

    @viewprop
    def queryset(self):
        return tasks.visible_tasks(super().queryset, self.request.user)


class ArchiveView(VisibleTaskListMixin, TaskColumnsMixin, FlowArchiveListView):
    columns = ("task_id", "task_title", "case", "created", "finished")


class ScopedDashboardView(DashboardView):
    """The flow's kanban board, showing only the tasks of requests the user may see."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        available = tasks.visible_tasks(
            self.flow_class.task_class._default_manager.filter_available(
                [self.flow_class], self.request.user
            ),
            self.request.user,
        )
        for column in context["columns"]:
            column["tasks"] = available.filter(
                Q(finished__isnull=True) | Q(status=STATUS.ERROR), flow_task=column["node"]
            )[: self.MAX_ROWS]
        context["finished"] = available.filter(
            finished__isnull=False, flow_task__in=context["end_nodes"]
        )[: self.MAX_ROWS]
        return context


class ScopedProcessListView(DashboardProcessListView):
    def process_id(self, process):
        return super().process_id(process)

    process_id.short_description = gettext_lazy("#")

    def brief(self, process):
        return process.brief

    brief.short_description = gettext_lazy("Case")

    def active_tasks(self, process):
        return process.active_tasks_count

    active_tasks.short_description = gettext_lazy("Open tasks")

    def get_queryset(self):
        visible = assistance_requests_visible_to(self.request.user).values("pk")
        return super().get_queryset().filter(assistance_request__in=visible)


class ScopedTaskListView(VisibleTaskListMixin, TaskColumnsMixin, DashboardTaskListView):
    columns = ("task_id", "task_title", "case", "created", "owner")


class CancelProcessRedirect(generic.RedirectView):
    """Viewflow's own "cancel process" would stop the flow and leave the request open: send
    the user to the request's cancel page (a leader's step, with a reason, via the service)."""

    def get_redirect_url(self, *args, process_pk, **kwargs):
        case = get_object_or_404(
            assistance_requests_visible_to(self.request.user), process__pk=process_pk
        )
        return reverse("casework:assistancerequest:cancel", kwargs={"pk": case.pk})


class CaseFlowAppViewset(FlowAppViewset):
    inbox_view_class = InboxView
    queue_view_class = QueueView
    archive_view_class = ArchiveView
    dashboard_view_class = ScopedDashboardView
    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView

    @property
    def process_cancel_view(self):
        return CancelProcessRedirect.as_view()

    def _get_urls(self):
        return _wrap_patterns(super()._get_urls())

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and user.has_perm("cases.view_assistancerequest")

    def get_context_data(self, request):
        """The menu's inbox and queue counts, of the requests the user may see (viewflow
        counts every task in the province the user's permissions match)."""
        return {
            "user_inbox": MenuCount(request, "inbox", self._flow_class),
            "user_queue": MenuCount(request, "queue", self._flow_class),
        }


# Requests and the case page -----------------------------------------------------------


class CaseDetailView(ScopedDetailView):
    template_name = "flows/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_context(self.object, self.request.user))
        user, case = self.request.user, self.object
        context["can_withdraw"] = (
            user.pk == case.submitted_by_id and not case.is_finished and not context["decisions"]
        )
        context["can_cancel"] = (
            user.has_perm("cases.cancel_assistancerequest") and not case.is_finished
        )
        return context


class IntakeView(generic.FormView):
    template_name = "flows/intake.html"
    kind = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("cases.add_assistancerequest"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return forms.INTAKE_FORMS[self.kind]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"beneficiary": self.request.GET.get("beneficiary")}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "kind_label": Kind(self.kind).label}

    def form_valid(self, form):
        data = form.cleaned_data
        detail = form.save(commit=False)
        try:
            assistance_request = runner.submit(
                by=self.request.user,
                kind=self.kind,
                beneficiary=data["beneficiary"],
                detail=detail,
                summary=data["summary"],
                override_reason=data["override_reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Request #%(pk)s registered.") % {"pk": assistance_request.pk}
        )
        return redirect("casework:assistancerequest:detail", pk=assistance_request.pk)


class StopView(generic.FormView):
    """Withdraw (the submitter) or cancel (a leader), with a reason."""

    template_name = "flows/stop.html"
    form_class = forms.ReasonForm
    withdraw = False

    def dispatch(self, request, *args, **kwargs):
        self.case = get_object_or_404(assistance_requests_visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "case": self.case, "withdraw": self.withdraw}

    def form_valid(self, form):
        try:
            runner.stop(
                by=self.request.user,
                assistance_request=self.case,
                reason=form.cleaned_data["reason"],
                withdraw=self.withdraw,
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        return redirect("casework:assistancerequest:detail", pk=self.case.pk)


class AssistanceRequestViewset(ScopedViewset):
    model = AssistanceRequest
    icon = "assignment"
    selector = staticmethod(assistance_requests_visible_to)
    detail_view_class = CaseDetailView
    list_columns = ("id", "kind", "beneficiary", "area", "status", "amount", "submitted_at")
    list_filter_fields = ("kind", "status")
    list_search_fields = ("beneficiary__name", "summary")

    def has_add_permission(self, user):
        return False

    def has_change_permission(self, user, obj=None):
        return False

    def has_delete_permission(self, user, obj=None):
        return False

    def get_list_page_actions(self, request, *actions):
        # Intake is one page per kind (no generic "add"): offer the three in the card menu.
        if request.user.has_perm("cases.add_assistancerequest"):
            actions = (
                *(
                    Action(
                        name=_("New request: %(kind)s") % {"kind": kind.label},
                        url=self.reverse(f"new_{kind.value}"),
                        icon=Icon("add", class_="material-icons mdc-list-item__graphic"),
                    )
                    for kind in Kind
                ),
                *actions,
            )
        return super().get_list_page_actions(request, *actions)

    @property
    def intake_fee_waiver_path(self):
        return path(
            "new/fee_waiver/", IntakeView.as_view(kind=Kind.FEE_WAIVER), name="new_fee_waiver"
        )

    @property
    def intake_one_on_one_path(self):
        return path(
            "new/one_on_one/", IntakeView.as_view(kind=Kind.ONE_ON_ONE), name="new_one_on_one"
        )

    @property
    def intake_farming_help_path(self):
        return path(
            "new/farming_help/", IntakeView.as_view(kind=Kind.FARMING_HELP), name="new_farming_help"
        )

    @property
    def withdraw_path(self):
        return path("<int:pk>/withdraw/", StopView.as_view(withdraw=True), name="withdraw")

    @property
    def cancel_path(self):
        return path("<int:pk>/cancel/", StopView.as_view(), name="cancel")


class NotificationListView(generic.ListView):
    template_name = "flows/notifications.html"

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user).select_related(
            "assistance_request"
        )[:100]


class OfficeSettingsViewset(ModelViewset):
    model = OfficeSettings
    icon = "tune"
    list_columns = ("second_level_threshold", "verification_days", "sign_off_days", "step_days")
    fields = ("second_level_threshold", "verification_days", "sign_off_days", "step_days")

    def has_view_permission(self, user, obj=None):
        return user.has_perm("cases.view_officesettings")

    def has_add_permission(self, user):
        return user.has_perm("cases.change_officesettings") and not OfficeSettings.objects.exists()

    def has_delete_permission(self, user, obj=None):
        return False


class CaseworkApp(Application):
    title = gettext_lazy("Casework")
    icon = "assignment_ind"
    app_name = "casework"
    viewsets = [AssistanceRequestViewset(), OfficeSettingsViewset()]

    @property
    def notifications_path(self):
        return path("notifications/", NotificationListView.as_view(), name="notifications")


def flow_apps():
    from .farming_help import FarmingHelpFlow
    from .fee_waiver import FeeWaiverFlow
    from .one_on_one import OneOnOneFlow

    return [
        CaseFlowAppViewset(FeeWaiverFlow, icon="gavel"),
        CaseFlowAppViewset(OneOnOneFlow, icon="handshake"),
        CaseFlowAppViewset(FarmingHelpFlow, icon="agriculture"),
    ]
