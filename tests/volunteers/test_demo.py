"""The demo work loads on the demo registry and shows what docs/volunteers.md promises."""

import pytest
from django.core.management import call_command

from cases.models import Notification
from volunteers.demo import load_work
from volunteers.models import ActivityRecord, Assignment, Pairing

pytestmark = pytest.mark.django_db


def test_demo_work_and_missed_visit_alert(settings, django_capture_on_commit_callbacks):
    from cases.demo import registry

    registry.load(beneficiaries=30)
    load_work()
    load_work()  # idempotent
    assert Assignment.objects.filter(status="open").count() == 3
    record = ActivityRecord.objects.get()
    assert record.is_confirmed and record.evidence.count() == 1
    pairing = Pairing.objects.get()
    assert pairing.helper.user.username == "volunteer"
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("workflow_timers_at", days=38)
    users = set(
        Notification.objects.filter(kind="pairing.visit_missed").values_list(
            "user__username", flat=True
        )
    )
    assert users == {"teamleader", "caseworker"}
