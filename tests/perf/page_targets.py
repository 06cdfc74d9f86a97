"""Pages and API lists to load-test, with a signed-in session or token for each.

Run against the generated database (tests/perf/run.py calls this in a subprocess); prints
one JSON list of {name, url, headers, kind} where kind is "page" (budgeted list pages),
"detail" or "api". With --baseline (and the bare baseline's settings), against its database:
viewflow's own inbox and queue with no project code, the floor the pages are compared with.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def session_cookie(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(24 * 3600)
    store.save()
    return f"Cookie: {settings.SESSION_COOKIE_NAME}={store.session_key}; django_language=zh-hans"


def token_header(user):
    from rest_framework.authtoken.models import Token

    token, _created = Token.objects.get_or_create(user=user)
    return f"Authorization: Token {token.key}"


def main():
    import django

    django.setup()
    from django.urls import get_resolver, reverse

    get_resolver().url_patterns  # noqa: B018 - flows learn their URL namespace here
    if "--baseline" in sys.argv:
        targets, user = baseline_targets(queued=200 if "--quick" in sys.argv else 2000)
        count_queries(targets, {targets[0]["header"]: user})
        print(json.dumps(targets))
        return
    from cases.models import AssistanceRequest, User
    from flows.farming_help import FarmingHelpFlow
    from flows.fee_waiver import FeeWaiverFlow

    worker = User.objects.get(username="cw0_0")
    approver = User.objects.get(username="approver0")
    auditor = User.objects.get(username="auditor")
    cw, ap, au = session_cookie(worker), session_cookie(approver), session_cookie(auditor)
    case = AssistanceRequest.objects.filter(area__path__startswith=worker.areas.get().path)
    case = case.filter(status="closed").order_by("-id").first()
    requests_url = reverse("casework:assistancerequest:index")
    targets = [
        ("inbox (case worker)", FeeWaiverFlow.instance.reverse("inbox"), cw, "page"),
        ("inbox farming (case worker)", FarmingHelpFlow.instance.reverse("inbox"), cw, "page"),
        ("queue (approver)", FeeWaiverFlow.instance.reverse("queue"), ap, "page"),
        ("case list (case worker)", requests_url, cw, "page"),
        ("case list, filters (approver)", f"{requests_url}?kind=farming_help&status=follow_up",
         ap, "page"),
        ("case list (auditor)", requests_url, au, "page"),
        ("case page", f"/casework/assistancerequest/{case.pk}/detail/", cw, "detail"),
        ("auditor search", f"{reverse('audit:index')}?kind=fee_waiver&status=closed", au, "page"),
        ("api requests", "/api/v1/requests/?status=verified", token_header(worker), "api"),
        ("api tasks inbox", "/api/v1/tasks/", token_header(worker), "api"),
        ("api tasks queue", "/api/v1/tasks/queue/", token_header(approver), "api"),
        ("api beneficiaries", "/api/v1/beneficiaries/", token_header(worker), "api"),
    ]  # fmt: skip
    found = [dict(zip(("name", "url", "header", "kind"), t, strict=True)) for t in targets]
    if "--queries" in sys.argv:
        count_queries(found, {cw: worker, ap: approver, au: auditor})
    if "--verify" in sys.argv:
        print(json.dumps(verify_speed()))
        return
    print(json.dumps(found))


def baseline_targets(queued=2000, inbox=20):
    """Viewflow's own inbox (`inbox` tasks taken by one user) and queue (at least `queued`
    tasks waiting) of the bare baseline's page flow: created once, then kept."""
    from django.contrib.auth.models import Permission, User
    from django.db import transaction
    from viewflow.workflow.models import Task

    from tests.perf.baseline.flows import PageFlow

    user, created = User.objects.get_or_create(username="pages")
    if created:  # viewflow's flow pages ask for the process's view permission
        user.user_permissions.add(Permission.objects.get(codename="view_process"))
    tasks = Task.objects.filter(flow_task_type="HUMAN", process__flow_class=PageFlow)
    with transaction.atomic():
        for _ in range(queued + inbox - tasks.count()):
            PageFlow.start.run()
        for task in tasks.filter(owner=None)[: max(0, inbox - tasks.filter(owner=user).count())]:
            task.flow_task.activation_class(task).assign(user)
    cookie = session_cookie(user)
    waiting = tasks.filter(owner=None).count()
    targets = [
        {"name": f"viewflow inbox ({inbox} rows)", "url": PageFlow.instance.reverse("inbox"),
         "header": cookie, "kind": "floor"},
        {"name": f"viewflow queue ({waiting} waiting)", "url": PageFlow.instance.reverse("queue"),
         "header": cookie, "kind": "floor"},
    ]  # fmt: skip
    return targets, user


def count_queries(targets, users):
    """SQL statements of one GET of each target (after one warm-up GET), in process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    for target in targets:
        if target["kind"] == "api":
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=target["header"].split(": ", 1)[1])
        else:
            client = Client()
            client.force_login(users[target["header"]])
        client.get(target["url"])
        with CaptureQueriesContext(connection) as captured:
            status = client.get(target["url"]).status_code
        target["queries"] = len(captured) if status == 200 else f"HTTP {status}"


def verify_speed():
    """audit_verify's walk in one process and in one per core (its default, at most 4)."""
    import time

    from cases import chain

    result = {}
    for jobs in (1, min(4, os.cpu_count() or 1)):
        started = time.perf_counter()
        report = chain.verify_all(jobs=jobs)
        seconds = time.perf_counter() - started
        assert report.ok, report
        result[f"jobs_{jobs}"] = {"events": report.checked, "seconds": round(seconds, 3),
                                  "events_per_second": round(report.checked / seconds)}  # fmt: skip
    best = max(result.values(), key=lambda r: r["events_per_second"])
    return {"ok": True, **best, "by_jobs": result}


if __name__ == "__main__":
    main()
