"""The demo county: every kind of request in every stage, made by the real flows."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.demo.casework import PLANS
from cases.models import AssistanceRequest, CaseEvent, Kind, Notification, Outcome, Status
from flows.nodes import due_of
from volunteers.models import Evidence, Pairing

EVERY_STAGE = set(Status) - {Status.COURT_FILING, Status.AT_COURT}


def test_load_demo(db, django_capture_on_commit_callbacks):
    """One load (it takes seconds), then each property in turn."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", beneficiaries=120, stdout=StringIO())
    every_kind_reaches_every_stage()
    volunteers_have_work_to_show()
    four_eyes_held_and_history_recorded()
    some_steps_overdue_with_reminders_and_an_escalation()
    call_command("audit_verify", stdout=StringIO())


def stages(kind):
    return set(AssistanceRequest.objects.filter(kind=kind).values_list("status", flat=True))


def volunteers_have_work_to_show():
    """volunteers.demo adds three requests: a farming job worked with a photo, one paid in
    lieu awaiting its payment, and a pairing whose helper is the demo volunteer."""
    assert Evidence.objects.count() == 1
    assert Pairing.objects.filter(helper__user__username="volunteer").exists()


def every_kind_reaches_every_stage():
    volunteer_work_requests = 3
    assert AssistanceRequest.objects.count() == len(PLANS) + volunteer_work_requests
    for kind in Kind:
        expected = EVERY_STAGE | (
            {Status.COURT_FILING, Status.AT_COURT} if kind == Kind.FEE_WAIVER else set()
        )
        assert stages(kind) == expected, kind
        results = set(
            Outcome.objects.filter(assistance_request__kind=kind).values_list("result", flat=True)
        )
        assert results == set(Outcome.Result), kind


def four_eyes_held_and_history_recorded():
    for assistance_request in AssistanceRequest.objects.prefetch_related("decisions"):
        signers = {d.approver.username for d in assistance_request.decisions.all()}
        assert assistance_request.submitted_by.username not in signers
        assert signers <= {"approver", "leader"}
        assert CaseEvent.objects.filter(assistance_request=assistance_request).exists()


def some_steps_overdue_with_reminders_and_an_escalation():
    open_tasks = Task.objects.filter(
        flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    assert sum(due_of(task) < timezone.now() for task in open_tasks) >= 3
    assert Notification.objects.filter(kind="task.reminded").exists()
    assert Notification.objects.filter(kind="task.escalated", user__username="leader").exists()
