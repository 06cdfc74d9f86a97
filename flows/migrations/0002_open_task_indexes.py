"""Partial indexes on viewflow's task table for the rows the hot paths look for.

Viewflow's table keeps every task ever (about 16 per request: a million and a half at
100,000 requests), but the timer sweep (workflow_timers) only wants scheduled timers and
the queues only want new human tasks. Partial indexes keep those lookups proportional to
the open work, not the history (docs/query-plans.md). SQLite and PostgreSQL both support
them; RunSQL because the table belongs to viewflow.
"""

from django.db import migrations

INDEXES = [
    (
        "flows_task_due_timers",
        "CREATE INDEX flows_task_due_timers ON viewflow_task (scheduled) "
        "WHERE status = 'SCHEDULED'",
    ),
    (
        "flows_task_open_human",
        "CREATE INDEX flows_task_open_human ON viewflow_task (process_id) "
        "WHERE flow_task_type = 'HUMAN' AND status IN ('NEW', 'ASSIGNED')",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("flows", "0001_initial"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(create, reverse_sql=f"DROP INDEX IF EXISTS {name}")
        for name, create in INDEXES
    ]
