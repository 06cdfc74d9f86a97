"""Task pages: each shows the case and a form, calls one service, then moves the flow on."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic
from viewflow.workflow.flow.views import mixins

from cases import services
from cases.errors import DomainError
from volunteers import matching
from volunteers.selectors import team_candidates

from . import forms
from .casefile import case_context
from .nodes import assistance_request_of, end_of_day


def follow_up_due(activation):
    """The follow-up step is due on the day the follow-up was scheduled."""
    assistance_request = assistance_request_of(activation.process)
    scheduled = getattr(assistance_request, "_scheduled_follow_up", None)
    if scheduled is None:
        scheduled = assistance_request.follow_ups.filter(done_on__isnull=True).first()
    if scheduled is None:
        return timedelta(days=7)
    return end_of_day(scheduled.due)


def offer_period(activation):
    """A team has the configured hours to answer an offer (48 by default)."""
    from volunteers.models import VolunteerSettings

    return timedelta(hours=VolunteerSettings.current().offer_hours)


def add_domain_error(form, error):
    form.add_error(error.field if error.field in form.fields else None, error.message)


class TaskView(mixins.TaskSuccessUrlMixin, generic.FormView):
    """One step: show the case, take the form, call the service, finish the task."""

    template_name = "flows/task.html"
    form_class = None

    @cached_property
    def assistance_request(self):
        return assistance_request_of(self.request.activation.process)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_context(self.assistance_request, self.request.user))
        context["activation"] = self.request.activation
        return context

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        self.request.activation.execute()
        messages.success(
            self.request,
            _("Done: %(step)s.") % {"step": self.request.activation.flow_task.task_title},
        )
        return redirect(self.get_success_url())

    def perform(self, data):
        raise NotImplementedError


class VerifyView(TaskView):
    form_class = forms.VerifyForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.assistance_request.kind}

    def form_valid(self, form):
        self.checklist = form.checklist()
        return super().form_valid(form)

    def perform(self, data):
        services.verify(
            by=self.request.user,
            assistance_request=self.assistance_request,
            visit_date=data["visit_date"],
            findings=data["findings"],
            checklist=self.checklist,
            verified=data["verified"],
        )


class SignOffView(TaskView):
    """Approve, reject with a reason, or return with questions: three buttons."""

    template_name = "flows/sign_off.html"
    form_class = forms.SignOffForm

    def perform(self, data):
        level = self.request.activation.flow_task.level
        common = {"by": self.request.user, "assistance_request": self.assistance_request}
        if data["decision"] == "approve":
            services.approve(
                **common,
                level=level,
                comment=data["comment"],
                approved_amount=data["approved_amount"],
            )
        elif data["decision"] == "reject":
            services.reject(**common, level=level, comment=data["comment"])
        else:
            services.return_for_info(**common, level=level, comment=data["comment"])


class AnswerReturnView(TaskView):
    form_class = forms.AnswerForm

    def perform(self, data):
        services.answer_return(
            by=self.request.user, assistance_request=self.assistance_request, answer=data["answer"]
        )


class DispatchView(TaskView):
    """派单 with the suggested teams: nearness, skills, capacity, and why."""

    template_name = "flows/dispatch.html"
    form_class = forms.DispatchForm

    @cached_property
    def ranking(self):
        candidates, self.skills_label = team_candidates(self.request.user, self.assistance_request)
        return matching.rank(
            self.assistance_request.area.path, candidates, skills_label=self.skills_label
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "ranking": self.ranking}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "ranking": self.ranking}

    def perform(self, data):
        services.dispatch(
            by=self.request.user,
            assistance_request=self.assistance_request,
            team=data["team"],
            note=data["note"],
        )


class AcceptView(TaskView):
    form_class = forms.AcceptForm

    def perform(self, data):
        services.accept_dispatch(
            by=self.request.user,
            assistance_request=self.assistance_request,
            accepted=data["accepted"],
            reason=data["reason"],
        )


class DeliveryView(TaskView):
    template_name = "flows/delivery.html"  # shows the team's records (case_context["work"])
    form_class = forms.DeliveryForm

    def perform(self, data):
        services.record_delivery(
            by=self.request.user, assistance_request=self.assistance_request, **data
        )


class FileWithCourtView(TaskView):
    form_class = forms.FileWithCourtForm

    def perform(self, data):
        services.file_with_court(
            by=self.request.user, assistance_request=self.assistance_request, **data
        )


class CourtDecisionView(TaskView):
    form_class = forms.CourtDecisionForm

    def perform(self, data):
        services.record_court_decision(
            by=self.request.user, assistance_request=self.assistance_request, **data
        )


class FollowUpView(TaskView):
    form_class = forms.FollowUpForm

    def perform(self, data):
        services.follow_up(by=self.request.user, assistance_request=self.assistance_request, **data)


class CloseView(TaskView):
    form_class = forms.CloseForm

    def perform(self, data):
        services.close(by=self.request.user, assistance_request=self.assistance_request, **data)
