"""EXPLAIN ANALYZE of the hot queries, on the generated database (docs/query-plans.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf .venv/bin/python tests/perf/explain.py

Each query is built by the same code the pages use, run once to warm the cache, then
explained; the plans go to test-output/perf/query-plans.txt.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")


def queries():
    from django.urls import get_resolver
    from django.utils import timezone
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    get_resolver().url_patterns  # noqa: B018 - flows learn their URL namespace here
    from cases.models import AssistanceRequest, AuditHead, CaseEvent, User
    from cases.selectors import assistance_requests_visible_to
    from flows import tasks
    from flows.fee_waiver import FeeWaiverFlow

    worker = User.objects.get(username="cw0_0")
    approver = User.objects.get(username="approver0")
    case = assistance_requests_visible_to(worker).filter(status="follow_up").first()
    requests = assistance_requests_visible_to(worker).order_by("-id")
    inbox = tasks.inbox(worker, [FeeWaiverFlow]).order_by("-created")
    queue = tasks.queue(approver, [FeeWaiverFlow]).order_by("-created")
    queue_counted = tasks.queue(worker, [FeeWaiverFlow]).order_by().values("pk")
    filtered = assistance_requests_visible_to(approver).filter(
        kind="farming_help", status="follow_up"
    )
    return {
        "case list, one page (case worker)": requests[:20],
        "case list, count (case worker)": requests.values("pk").order_by(),
        "case list with filters, one page (approver)": filtered.order_by("-id")[:20],
        # A task page: its ids with the list's total, then those tasks (flows.viewsets).
        "inbox, page ids and total (case worker)": tasks.ids_with_total(inbox)[:25],
        "queue, page ids and total (approver)": tasks.ids_with_total(queue)[:25],
        # What the menu's queue count counts, on every other page of the flow (MenuCount).
        "menu's queue count, the rows counted (case worker)": queue_counted,
        "task page, the page's tasks by id": tasks.shown(
            list(inbox.values_list("pk", flat=True)[:25])
        ),
        "auditor search, one page": AssistanceRequest.objects.filter(
            kind="fee_waiver", status="closed"
        ).order_by("-submitted_at", "-pk")[:20],
        "case timeline (events of one request)": CaseEvent.objects.filter(
            assistance_request=case
        ).order_by("seq"),
        "open task of a request (every transition)": tasks.open_tasks(
            process__assistanceprocess__assistance_request=case
        ).order_by("-id")[:1],
        "audit head lock (every event)": AuditHead.objects.select_for_update().filter(pk=1),
        "due timers (workflow_timers)": Task.objects.filter(
            status=STATUS.SCHEDULED, scheduled__lte=timezone.now()
        ).order_by("scheduled")[:100],
    }


def main():
    import django

    django.setup()
    from django.db import connection, transaction

    out = []
    for name, queryset in queries().items():
        with transaction.atomic(), connection.cursor() as cursor:
            sql, params = queryset.query.sql_with_params()
            cursor.execute(sql, params)  # warm
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        out.append(f"## {name}\n\n{sql % tuple(repr(p) for p in params)}\n\n{plan}\n")
        print(f"{name}: {'; '.join(plan.splitlines()[-2:])}")
    target = ROOT / "test-output" / "perf" / "query-plans.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(out))
    print(f"written to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
