"""API views: read through the selectors, check the role, then call the same services (or
flows.runner, for flow steps) as the pages. Nothing here changes state by itself."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases import crypto, services
from cases.models import FollowUp
from cases.selectors import (
    areas_visible_to,
    assistance_requests_visible_to,
    beneficiaries_visible_to,
)
from flows import runner, tasks

from . import filters
from . import serializers as s
from .errors import Conflict
from .idempotency import PARAMETER as IDEMPOTENCY_KEY
from .idempotency import idempotent
from .pagination import cursor
from .permissions import RolePermission
from .steps import STEP_OF_NODE, STEPS


class ScopedViewSet(viewsets.GenericViewSet):
    """Rows come from `selector(user)`; `required_perms` says which role may call what."""

    permission_classes = [RolePermission]
    selector = None
    required_perms = {}

    def get_queryset(self):
        return type(self).selector(self.request.user)


# Registry -----------------------------------------------------------------------------


class AreaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Administrative divisions the caller serves (and everything below them)."""

    selector = staticmethod(areas_visible_to)
    serializer_class = s.AreaSerializer
    filterset_class = filters.AreaFilter
    pagination_class = cursor("path")
    required_perms = {"*": "cases.view_area"}


@extend_schema_view(
    create=extend_schema(
        request=s.BeneficiaryCreateSerializer,
        responses={201: s.BeneficiarySerializer},
        parameters=[IDEMPOTENCY_KEY],
    ),
    partial_update=extend_schema(
        request=s.BeneficiaryUpdateSerializer, responses=s.BeneficiarySerializer
    ),
)
class BeneficiaryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """优抚对象. ID numbers are shown masked; `find-by-id-number` finds one by its full number."""

    selector = staticmethod(beneficiaries_visible_to)
    serializer_class = s.BeneficiarySerializer
    filterset_class = filters.BeneficiaryFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    required_perms = {
        "list": "cases.view_beneficiary",
        "retrieve": "cases.view_beneficiary",
        "create": "cases.add_beneficiary",
        "partial_update": "cases.change_beneficiary",
        "find_by_id_number": "cases.view_beneficiary",
    }

    def get_serializer_class(self):
        return {
            "create": s.BeneficiaryCreateSerializer,
            "partial_update": s.BeneficiaryUpdateSerializer,
        }.get(self.action, s.BeneficiarySerializer)

    @idempotent
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("id_number")
        beneficiary = services.register_beneficiary(
            by=request.user, id_number=serializer.parsed_id_number, **data
        )
        return Response(s.BeneficiarySerializer(beneficiary).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.IdNumberLookupSerializer,
        responses={200: s.BeneficiarySerializer(many=True)},
        summary="Find a beneficiary by full ID number (sent in the body, never in the URL)",
    )
    @action(detail=False, methods=["post"], url_path="find-by-id-number")
    def find_by_id_number(self, request):
        lookup = s.IdNumberLookupSerializer(data=request.data)
        lookup.is_valid(raise_exception=True)
        found = self.get_queryset().filter(
            id_number_hash=crypto.keyed_hash(lookup.validated_data["id_number"].canonical)
        )
        return Response(s.BeneficiarySerializer(found, many=True).data)

    def partial_update(self, request, *args, **kwargs):
        beneficiary = self.get_object()
        serializer = self.get_serializer(beneficiary, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason = data.pop("reason", "")
        beneficiary = services.update_beneficiary(
            by=request.user, beneficiary=beneficiary, reason=reason, **data
        )
        return Response(s.BeneficiarySerializer(beneficiary).data)


# Requests -----------------------------------------------------------------------------


def _request_detail(assistance_request, context):
    open_tasks = tasks.human_tasks(context["request"].user).filter(
        process__assistanceprocess__assistance_request=assistance_request,
        status__in=tasks.OPEN,
    )
    context = {**context, "open_tasks": {assistance_request.pk: [t.pk for t in open_tasks]}}
    return s.AssistanceRequestDetailSerializer(assistance_request, context=context).data


def _intake_schema(serializer):
    return extend_schema(
        request=serializer,
        responses={201: s.AssistanceRequestDetailSerializer},
        parameters=[IDEMPOTENCY_KEY],
        summary=f"Register a request and start its flow ({serializer.Meta.model.__name__})",
    )


class AssistanceRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Requests of every kind. Registering one (POST /requests/<kind>/) starts its flow."""

    selector = staticmethod(assistance_requests_visible_to)
    serializer_class = s.AssistanceRequestSerializer
    filterset_class = filters.AssistanceRequestFilter
    required_perms = {
        "list": "cases.view_assistancerequest",
        "retrieve": "cases.view_assistancerequest",
        "timeline": ["cases.view_assistancerequest", "cases.view_caseevent"],
        "fee_waiver": "cases.add_assistancerequest",
        "one_on_one": "cases.add_assistancerequest",
        "farming_help": "cases.add_assistancerequest",
        "withdraw": "cases.add_assistancerequest",
        "cancel": "cases.cancel_assistancerequest",
        "documents": "cases.view_assistancerequest",
        "document": "cases.view_assistancerequest",
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.select_related(
                "fee_waiver", "one_on_one", "farming_help", "outcome"
            ).prefetch_related(
                "verifications",
                "decisions",
                "dispatches",
                Prefetch("follow_ups", FollowUp.objects.order_by("due", "id")),
            )
        return queryset

    def get_serializer_class(self):
        if self.action in s.INTAKE_SERIALIZERS:
            return s.INTAKE_SERIALIZERS[self.action]
        if self.action in ("withdraw", "cancel"):
            return s.ReasonSerializer
        if self.action == "timeline":
            return s.CaseEventSerializer
        if self.action == "retrieve":
            return s.AssistanceRequestDetailSerializer
        return s.AssistanceRequestSerializer

    def retrieve(self, request, *args, **kwargs):
        return Response(_request_detail(self.get_object(), self.get_serializer_context()))

    def _submit(self, request, kind):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assistance_request = runner.submit(
            by=request.user,
            kind=kind,
            beneficiary=data["beneficiary"],
            detail=serializer.detail(),
            summary=data.get("summary", ""),
            override_reason=data.get("override_reason", ""),
        )
        return Response(
            _request_detail(assistance_request, self.get_serializer_context()),
            status=status.HTTP_201_CREATED,
        )

    @_intake_schema(s.FeeWaiverIntakeSerializer)
    @action(detail=False, methods=["post"], url_path="fee-waiver")
    @idempotent
    def fee_waiver(self, request):
        return self._submit(request, "fee_waiver")

    @_intake_schema(s.OneOnOneIntakeSerializer)
    @action(detail=False, methods=["post"], url_path="one-on-one")
    @idempotent
    def one_on_one(self, request):
        return self._submit(request, "one_on_one")

    @_intake_schema(s.FarmingHelpIntakeSerializer)
    @action(detail=False, methods=["post"], url_path="farming-help")
    @idempotent
    def farming_help(self, request):
        return self._submit(request, "farming_help")

    def _stop(self, request, withdraw):
        assistance_request = self.get_object()
        if withdraw and request.user.pk != assistance_request.submitted_by_id:
            raise PermissionDenied(_("Only the person who registered it can withdraw a request."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        runner.stop(
            by=request.user,
            assistance_request=assistance_request,
            reason=serializer.validated_data["reason"],
            withdraw=withdraw,
        )
        assistance_request.refresh_from_db()
        return Response(_request_detail(assistance_request, self.get_serializer_context()))

    @extend_schema(
        responses=s.AssistanceRequestDetailSerializer,
        parameters=[IDEMPOTENCY_KEY],
        summary="Withdraw (the person who registered it, before any sign-off)",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, pk=None):
        return self._stop(request, withdraw=True)

    @extend_schema(
        responses=s.AssistanceRequestDetailSerializer,
        parameters=[IDEMPOTENCY_KEY],
        summary="Cancel with a reason (a leader)",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def cancel(self, request, pk=None):
        return self._stop(request, withdraw=False)

    @extend_schema(
        summary="The case history (tamper-evident, oldest first)",
        responses=s.CaseEventSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=cursor("seq"))
    def timeline(self, request, pk=None):
        assistance_request = self.get_object()
        events = assistance_request.events.select_related("actor").order_by("seq")
        page = self.paginate_queryset(events)
        return self.get_paginated_response(s.CaseEventSerializer(page, many=True).data)

    @extend_schema(
        responses=s.DocumentListSerializer,
        summary="The documents of a request",
        operation_id="v1_requests_documents_list",
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def documents(self, request, pk=None):
        """Letters download here with the caller's token (`api_url`); `url` is the page's
        link (session), and the dossier and full court packet are POSTs on the pages."""
        from cases.documents.views import links_for

        assistance_request = self.get_object()
        links = links_for(request.user, assistance_request)
        letters = _letters_of(assistance_request)
        for link in links:
            link["api_url"] = (
                f"/api/v1/requests/{assistance_request.pk}/documents/{link['slug']}/"
                if link["slug"] in letters
                else None
            )
        return Response({"request": assistance_request.pk, "documents": links})

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="Download one letter as PDF",
        operation_id="v1_requests_document_download",
    )
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<slug>[a-z0-9-]+)")
    def document(self, request, pk=None, slug=None):
        from cases.documents import catalog

        assistance_request = self.get_object()
        if slug not in _letters_of(assistance_request):
            raise NotFound()
        letter = catalog.LETTERS[slug]
        rendered = catalog.render_letter(slug, assistance_request)
        response = HttpResponse(rendered.pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, letter.filename(assistance_request)
        )
        response["Cache-Control"] = "private, no-store"
        return response


def _letters_of(assistance_request):
    from cases.documents import catalog

    return {letter.slug for letter in catalog.letters_for(assistance_request)}


# Tasks --------------------------------------------------------------------------------

COMPLETE_RESPONSE = OpenApiResponse(
    s.StepResultSerializer,
    description="The step done: the request's new status, its open tasks and its URL.",
)


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Flow tasks: the list is your inbox; `queue/` holds what you may claim.

    Complete a task at `complete/<step>/` with that step's payload (the task's
    `complete_url`). Every call checks row visibility, the node's permission and four-eyes
    before it acts, and takes the case's lock: the slower of two concurrent calls gets 409.
    """

    serializer_class = s.TaskSerializer
    required_perms = {"*": []}

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Task.objects.none()
        if self.action == "list":
            return tasks.inbox(user)
        if self.action == "queue":
            return tasks.queue(user)
        return tasks.human_tasks(user)

    @extend_schema(responses=s.TaskSerializer(many=True))
    @action(detail=False, methods=["get"])
    def queue(self, request):
        """Tasks nobody holds yet that your role may take."""
        return self.list(request)

    def _open_task(self):
        pk = self.kwargs["pk"]
        task = tasks.visible_task(self.request.user, int(pk)) if pk.isdigit() else None
        if task is None:
            raise NotFound()
        if task.status not in tasks.OPEN:
            raise Conflict(_("This task is no longer open."))
        return task

    def _respond(self, task):
        task.refresh_from_db()
        return Response(s.TaskSerializer(task, context=self.get_serializer_context()).data)

    @extend_schema(request=None, parameters=[IDEMPOTENCY_KEY])
    @action(detail=True, methods=["post"])
    @idempotent
    def claim(self, request, pk=None):
        """Take a task from the queue."""
        task = self._open_task()
        if task.status != STATUS.NEW:
            raise Conflict(_("Someone already holds this task."))
        if not task.flow_task.can_assign(request.user, task):
            raise PermissionDenied(_("You may not take this task."))
        return self._respond(runner.claim(task, by=request.user))

    @extend_schema(request=None, parameters=[IDEMPOTENCY_KEY])
    @action(detail=True, methods=["post"])
    @idempotent
    def unclaim(self, request, pk=None):
        """Put a task you hold back in the queue."""
        task = self._open_task()
        if task.status != STATUS.ASSIGNED:
            raise Conflict(_("Nobody holds this task."))
        if not task.flow_task.can_unassign(request.user, task):
            raise PermissionDenied(_("You may not release this task."))
        return self._respond(runner.unclaim(task, by=request.user))

    def _complete(self, request, step):
        task = self._open_task()
        flow_task = task.flow_task
        if flow_task.name not in step.nodes:
            raise Conflict(
                _("This task is “%(title)s”: complete it at complete/%(step)s/.")
                % {"title": flow_task, "step": STEP_OF_NODE.get(flow_task.name, "?")}
            )
        user = request.user
        allowed = (
            flow_task.can_assign(user, task)
            if task.status == STATUS.NEW
            else flow_task.can_execute(user, task)
        )
        if not allowed:
            raise PermissionDenied(_("You may not do this task."))
        serializer = step.serializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        def act(assistance_request):
            step.perform(user, assistance_request, flow_task, data)
            return assistance_request

        assistance_request = runner.perform_task(
            task, by=user, node_name=flow_task.name, action=act
        )
        return Response(_step_result(task, flow_task, assistance_request))


def _step_result(task, flow_task, assistance_request):
    """The request as the step left it (the object the service changed under the lock)."""
    return s.StepResultSerializer(
        {
            "task": task.pk,
            "step": flow_task.name,
            "assistance_request": assistance_request.pk,
            "status": assistance_request.status,
            "open_tasks": tasks.open_task_ids(task.process_id),
            "url": f"/api/v1/requests/{assistance_request.pk}/",
        }
    ).data


def _complete_action(step):
    def complete(self, request, pk=None):
        return self._complete(request, step)

    name = f"complete_{step.slug.replace('-', '_')}"
    complete.__name__ = name
    complete.__doc__ = f"Complete a {step.slug} task ({', '.join(step.nodes)})."
    complete = idempotent(complete)
    complete = action(detail=True, methods=["post"], url_path=f"complete/{step.slug}")(complete)
    complete = extend_schema(
        request=step.serializer, responses=COMPLETE_RESPONSE, parameters=[IDEMPOTENCY_KEY]
    )(complete)
    return name, complete


for _step in STEPS:
    _name, _method = _complete_action(_step)
    setattr(TaskViewSet, _name, _method)
