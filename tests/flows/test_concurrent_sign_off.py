"""Two people press the same sign-off at the same moment, through the real task views.

PostgreSQL only: the flows lock the process row with SELECT ... FOR UPDATE, which SQLite
ignores. Each trial is a fresh request; two threads, each with its own signed-in Client, are
released together by a Barrier. Exactly one sign-off goes through; the other person is
told so (a redirect to the case with a message, never a 403 or a 500), and there is never a
second Decision or a second next task.
"""

import threading
from functools import partial

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.models import Decision, Kind, Status
from cases.roles import APPROVER
from flows import runner
from tests.cases.factories import BeneficiaryFactory, UserFactory
from tests.flows import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
TRIALS = 20


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite ignores SELECT ... FOR UPDATE)")


@pytest.fixture
def second_approver(areas):
    return UserFactory(username="approver2", role=APPROVER, areas=[areas.county])


def message(text):
    with translation.override("zh-hans"):
        return gettext(text)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def verified_request(areas, case_worker):
    beneficiary = BeneficiaryFactory(area=areas.village_a, created_by=case_worker)
    assistance_request = f.submit(Kind.FEE_WAIVER, by=case_worker, beneficiary=beneficiary)
    f.verify(assistance_request, by=case_worker)
    return assistance_request


def urls(assistance_request):
    task = runner.open_task(assistance_request, "sign_off_first")
    args = [task.process_id, task.pk]
    return (
        task,
        task.flow_task.reverse("assign", args=args),
        task.flow_task.reverse("execute", args=args),
    )


def race(clients, steps):
    """Each client runs `steps(client, barrier)` in its own thread; their answers, in order."""
    barrier = threading.Barrier(len(clients))
    answers, errors = [None] * len(clients), []

    def run(index, client):
        try:
            answers[index] = steps(client, barrier)
        except Exception as error:  # noqa: BLE001 - reported below, with the trial
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return answers


def take_and_approve(assign_url, execute_url, client, barrier):
    """The queue's "assign and execute", then the form's "approve", each pressed together."""
    barrier.wait()
    taken = client.post(assign_url, {"_continue": "1"})
    barrier.wait()
    return taken, approve(execute_url, client, barrier=None)


def approve(execute_url, client, barrier):
    if barrier is not None:
        barrier.wait()
    return client.post(execute_url, {"decision": "approve", "comment": "同意"})


def check_one_sign_off(assistance_request, task):
    assistance_request.refresh_from_db()
    assert assistance_request.status == Status.APPROVED
    assert Decision.objects.filter(assistance_request=assistance_request).count() == 1
    assert Task.objects.get(pk=task.pk).status == STATUS.DONE
    process_tasks = Task.objects.filter(process_id=task.process_id)
    assert process_tasks.filter(flow_task=task.flow_task).count() == 1
    next_tasks = process_tasks.exclude(flow_task=task.flow_task).filter(
        flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    assert [t.flow_task.name for t in next_tasks] == ["dispatch"]


def test_two_approvers_sign_off_together(areas, case_worker, approver, second_approver):
    """Both press "assign and execute", then "approve"; one of them gets the task."""
    approvers = [approver, second_approver]
    clients = [signed_in(user) for user in approvers]
    handled = message("This task has already been handled by someone else.")
    for trial in range(TRIALS):
        assistance_request = verified_request(areas, case_worker)
        task, assign_url, execute_url = urls(assistance_request)

        answers = race(clients, partial(take_and_approve, assign_url, execute_url))
        case_url = f"/casework/assistancerequest/{assistance_request.pk}/detail/"
        codes = [(taken.status_code, signed.status_code) for taken, signed in answers]
        assert codes == [(302, 302), (302, 302)], (trial, codes)  # no 403, no 500
        done = [i for i, (_taken, signed) in enumerate(answers) if signed.url != case_url]
        assert len(done) == 1, (trial, [signed.url for _taken, signed in answers])
        winner = done[0]
        loser_taken, loser_signed = answers[1 - winner]
        assert (loser_taken.url, loser_signed.url) == (case_url, case_url), trial
        page = clients[1 - winner].get(case_url)
        assert page.status_code == 200 and handled in page.content.decode()
        check_one_sign_off(assistance_request, task)
        decision = Decision.objects.get(assistance_request=assistance_request)
        assert decision.approver == approvers[winner]


def test_one_approver_submits_twice(areas, case_worker, approver):
    """The owner's double click (or two windows): the second submission finds the task done."""
    clients = [signed_in(approver), signed_in(approver)]
    already = message("You have already done this task.")
    for trial in range(TRIALS // 2):
        assistance_request = verified_request(areas, case_worker)
        task, assign_url, execute_url = urls(assistance_request)
        assert clients[0].post(assign_url).status_code == 302

        answers = race(clients, partial(approve, execute_url))
        case_url = f"/casework/assistancerequest/{assistance_request.pk}/detail/"
        assert [answer.status_code for answer in answers] == [302, 302], trial
        refused = [i for i, answer in enumerate(answers) if answer.url == case_url]
        assert len(refused) == 1, (trial, [answer.url for answer in answers])
        page = clients[refused[0]].get(case_url)
        assert already in page.content.decode()
        check_one_sign_off(assistance_request, task)
