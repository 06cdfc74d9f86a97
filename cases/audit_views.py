"""The auditor workspace: find cases, read their complete history, verify it, export it.

Read-only by construction: every view here answers GET only, behind the
`cases.audit_cases` permission (auditors and administrators).
"""

import csv
import json
from functools import reduce
from operator import or_

import django_filters
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import generic
from viewflow.urls import Application

from . import chain
from .models import AssistanceRequest, CaseEvent, Kind, Status, User
from .selectors import areas_visible_to, assistance_requests_visible_to

AUDIT_PERMISSION = "cases.audit_cases"


class CaseFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Kind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)
    # Typed, not picked: a province has over a thousand areas and hundreds of staff, and a
    # drop-down of each made this page render 1,300 options on every search.
    area = django_filters.CharFilter(label=_("area (name or code)"), method="filter_area")
    registered_from = django_filters.DateFilter(
        label=_("registered from"), field_name="submitted_at", lookup_expr="date__gte"
    )
    registered_to = django_filters.DateFilter(
        label=_("registered until"), field_name="submitted_at", lookup_expr="date__lte"
    )
    person = django_filters.CharFilter(
        label=_("person involved (user name or full name)"), method="filter_person"
    )
    beneficiary = django_filters.CharFilter(
        label=_("beneficiary name"), field_name="beneficiary__name", lookup_expr="icontains"
    )

    class Meta:
        model = AssistanceRequest
        fields = []

    def filter_area(self, queryset, name, value):
        """The cases of the areas with that exact name or code, and of the areas below them."""
        value = value.strip()
        areas = areas_visible_to(self.request.user).filter(Q(code=value) | Q(name=value))
        paths = list(areas.values_list("path", flat=True))
        if not paths:
            return queryset.none()
        return queryset.filter(reduce(or_, (Q(area__path__startswith=p) for p in paths)))

    def filter_person(self, queryset, name, value):
        """Anyone who registered, verified, or acted on the case at any point."""
        value = value.strip()
        people = User.objects.filter(Q(username=value) | Q(full_name=value)).values("pk")
        acted_on = CaseEvent.objects.filter(actor__in=people, assistance_request__isnull=False)
        return queryset.filter(
            Q(submitted_by__in=people)
            | Q(verified_by__in=people)
            | Q(pk__in=acted_on.values("assistance_request_id"))
        )


class AuditPermissionMixin(PermissionRequiredMixin):
    permission_required = AUDIT_PERMISSION
    http_method_names = ["get", "head", "options"]


class CaseSearchView(AuditPermissionMixin, generic.ListView):
    template_name = "cases/audit/case_list.html"
    paginate_by = 25

    def get_queryset(self):
        visible = assistance_requests_visible_to(self.request.user).select_related("submitted_by")
        self.filterset = CaseFilter(
            self.request.GET or None, queryset=visible, request=self.request
        )
        cases = self.filterset.qs if self.filterset.is_bound else visible
        return cases.order_by("-submitted_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


def _case_for(user, pk):
    return get_object_or_404(assistance_requests_visible_to(user), pk=pk)


class CaseHistoryView(AuditPermissionMixin, generic.TemplateView):
    template_name = "cases/audit/case_history.html"

    def get_context_data(self, **kwargs):
        case = _case_for(self.request.user, kwargs["pk"])
        events = case.events.select_related("actor").order_by("seq")
        actors = User.objects.filter(pk__in=case.events.values("actor_id")).order_by("username")
        actor = self.request.GET.get("actor", "")
        if actor.isdigit():
            events = events.filter(actor_id=int(actor))
        return super().get_context_data(
            case=case,
            events=events,
            actors=actors,
            selected_actor=actor,
            report=chain.verify_case(case) if self.request.GET.get("verify") else None,
            **kwargs,
        )


class _Echo:
    def write(self, value):
        return value


CSV_COLUMNS = [
    "seq", "at", "kind", "actor", "ip_address", "user_agent", "target", "reason", "changes",
    "prev_hash", "hash",
]  # fmt: skip


def case_history_csv(request, pk):
    """The case's events with every field, hashes included, so the export can be re-verified."""
    if not request.user.has_perm(AUDIT_PERMISSION):
        raise PermissionDenied
    case = _case_for(request.user, pk)
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # BOM: spreadsheet programs then read the UTF-8 Chinese correctly
        yield writer.writerow(CSV_COLUMNS)
        for event in case.events.select_related("actor").order_by("seq").iterator():
            yield writer.writerow(
                [
                    event.seq,
                    event.at.isoformat(),
                    event.kind,
                    event.actor.username if event.actor else "",
                    event.ip_address or "",
                    event.user_agent,
                    event.target,
                    event.reason,
                    json.dumps(event.changes, ensure_ascii=False, sort_keys=True),
                    event.prev_hash,
                    event.hash,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}-history.csv"'
    return response


class AuditApp(Application):
    title = _("Audit")
    icon = "policy"
    app_name = "audit"
    permission = AUDIT_PERMISSION

    @property
    def index_path(self):
        return path("", CaseSearchView.as_view(), name="index")

    @property
    def history_path(self):
        return path("case/<int:pk>/", CaseHistoryView.as_view(), name="history")

    @property
    def history_csv_path(self):
        return path("case/<int:pk>/history.csv", case_history_csv, name="history_csv")
