"""Volunteer work pages: my assignments (made for a phone), the assignment and its records,
payments, pairing handover, photos, and the hours report. Thin: a selector finds the rows
(404 outside the user's scope), a form checks the input, one service makes the change."""

import csv
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic

from cases.errors import DomainError

from . import forms, selectors, services
from .models import Assignment


def add_domain_error(form, error):
    form.add_error(error.field if error.field in form.fields else None, error.message)


class ServiceFormView(LoginRequiredMixin, generic.FormView):
    """Show a form; on valid input call `perform` (a service); a DomainError becomes a form
    error and nothing is saved."""

    template_name = "volunteers/form.html"
    title = ""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.perform(form)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": self.title}

    def perform(self, form):
        raise NotImplementedError


class AssignmentMixin:
    @cached_property
    def assignment(self):
        return get_object_or_404(
            selectors.assignments_visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def get_success_url(self):
        return self.assignment_url(self.assignment)

    @staticmethod
    def assignment_url(assignment):
        from django.urls import reverse

        return reverse("teams:work:assignment", args=[assignment.pk])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "assignment": self.assignment}


# My assignments and one assignment -----------------------------------------------------------


class MyAssignmentsView(LoginRequiredMixin, generic.ListView):
    template_name = "volunteers/my_assignments.html"
    paginate_by = 20

    def get_queryset(self):
        return selectors.my_assignments(self.request.user)


class AssignmentView(LoginRequiredMixin, AssignmentMixin, generic.TemplateView):
    template_name = "volunteers/assignment.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, assignment = self.request.user, self.assignment
        assistance_request = assignment.assistance_request
        context.update(
            case=assistance_request,
            work=selectors.work_summary(assistance_request),
            is_leader=assignment.team.leader_id == user.pk,
            may_log=assignment.is_open and services.may_log(user, assignment),
            money_in_lieu=services.common.is_money_in_lieu(assistance_request),
        )
        return context


class AssignMembersView(AssignmentMixin, ServiceFormView):
    title = _("Members on this assignment")
    form_class = forms.MembersForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assignment": self.assignment}

    def get_initial(self):
        return {"members": list(self.assignment.members.all())}

    def perform(self, form):
        services.assign_members(
            by=self.request.user,
            assignment=self.assignment,
            volunteers=form.cleaned_data["members"],
        )


class LogActivityView(AssignmentMixin, ServiceFormView):
    title = _("Log work (服务记录)")
    form_class = forms.ActivityForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "members": self.assignment.members.order_by("name"),
            "tasks": services.farming_tasks(self.assignment.assistance_request),
        }

    def get_initial(self):
        return {"date": timezone.localdate()}

    def perform(self, form):
        data = form.cleaned_data
        services.log_activity(
            by=self.request.user,
            assignment=self.assignment,
            date=data["date"],
            work_done=data["work_done"],
            notes=data["notes"],
            participants=form.participants(),
            mu_by_task=form.mu_by_task(),
            photos=data["photos"],
        )


class ConfirmRecordView(ServiceFormView):
    title = _("Household confirmation (户主确认)")
    form_class = forms.ConfirmForm

    @cached_property
    def record(self):
        return get_object_or_404(
            selectors.activity_records_visible_to(self.request.user).select_related("assignment"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "record": self.record}

    def perform(self, form):
        services.confirm_activity(
            by=self.request.user,
            record=self.record,
            confirmed_by_name=form.cleaned_data["confirmed_by_name"],
        )

    def get_success_url(self):
        return AssignmentMixin.assignment_url(self.record.assignment)


# Money in lieu ------------------------------------------------------------------------------


class PaymentView(AssignmentMixin, ServiceFormView):
    title = _("Money in lieu: payment (以资代劳)")
    form_class = forms.PaymentForm

    def perform(self, form):
        services.record_payment(
            by=self.request.user,
            assistance_request=self.assignment.assistance_request,
            **form.cleaned_data,
        )


class AcknowledgeView(ServiceFormView):
    title = _("Household's acknowledgement of receipt (签收)")
    form_class = forms.AcknowledgeForm

    @cached_property
    def payment(self):
        return get_object_or_404(
            selectors.payments_visible_to(self.request.user).select_related("assistance_request"),
            pk=self.kwargs["pk"],
        )

    def get_initial(self):
        return {"acknowledged_on": timezone.localdate()}

    def perform(self, form):
        services.acknowledge_payment(
            by=self.request.user, payment=self.payment, **form.cleaned_data
        )

    def get_success_url(self):
        assignment = services.current_assignment(
            self.payment.assistance_request, statuses=list(Assignment.Status)
        )
        return AssignmentMixin.assignment_url(assignment)


# Pairing handover ---------------------------------------------------------------------------


def reassign_delivery(assistance_request, leader):
    """After a handover to another team, its leader holds the open delivery step."""
    from flows.runner import open_task

    task = open_task(assistance_request)
    if task is None or task.flow_task.name != "deliver":
        return
    with task.flow_task.flow_class.lock(task.process_id):
        task.owner = leader
        task.save(update_fields=["owner"])


class HandoverView(ServiceFormView):
    title = _("Hand the pairing over (移交)")
    form_class = forms.HandoverForm

    @cached_property
    def pairing(self):
        return get_object_or_404(
            selectors.pairings_visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "pairing": self.pairing}

    def perform(self, form):
        data = form.cleaned_data
        handover = services.hand_over_pairing(
            by=self.request.user,
            pairing=self.pairing,
            to_team=data["to_team"],
            to_helper=data["to_helper"],
            reason=data["reason"],
        )
        if handover.to_team_id != handover.from_team_id:
            reassign_delivery(self.pairing.assistance_request, handover.to_team.leader)
        self.handover = handover

    def get_success_url(self):
        from django.urls import reverse

        assignment_id = self.handover.pairing.assignment_id
        if selectors.assignments_visible_to(self.request.user).filter(pk=assignment_id).exists():
            return reverse("teams:work:assignment", args=[assignment_id])
        return reverse("teams:work:index")


# Photos -------------------------------------------------------------------------------------


def evidence_file(request, pk):
    """A photo, only for someone who may see its record; never a public media URL."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    evidence = get_object_or_404(selectors.evidence_visible_to(request.user), pk=pk)
    try:
        handle = evidence.image.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(handle, content_type=_content_type(evidence.image_format))
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _content_type(image_format):
    from .evidence import FORMATS

    return FORMATS.get(image_format, "application/octet-stream")


# Hours report -------------------------------------------------------------------------------


class HoursReportView(LoginRequiredMixin, generic.TemplateView):
    template_name = "volunteers/hours.html"

    def get_form(self):
        today = timezone.localdate()
        data = self.request.GET if "start" in self.request.GET else None
        return forms.HoursFilterForm(
            data,
            user=self.request.user,
            initial={"start": date(today.year, 1, 1), "end": today},
        )

    def report(self, form):
        if form.is_bound and not form.is_valid():
            return None
        values = form.cleaned_data if form.is_bound else form.initial
        return selectors.hours_report(
            self.request.user,
            start=values["start"],
            end=values["end"],
            team=values.get("team"),
        )

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        report = self.report(form)
        if kwargs.get("csv") and report is not None:
            return hours_csv(report)
        return self.render_to_response(self.get_context_data(form=form, report=report))


def hours_csv(report):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="volunteer-hours.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Chinese correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(["level", "team", "volunteer", "year", "season", "records", "hours"])
    for row in report["teams"]:
        writer.writerow(
            [
                "team",
                _safe(row["team__name"]),
                "",
                row["year"],
                row["season"],
                row["records"],
                row["hours"],
            ]
        )
    for row in report["volunteers"]:
        writer.writerow(
            [
                "volunteer",
                _safe(row["record__team__name"]),
                _safe(row["volunteer__name"]),
                "",
                "",
                row["records"],
                row["hours"],
            ]
        )
    return response


def _safe(text):
    """No spreadsheet formulas from user text (CSV injection)."""
    text = str(text or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
