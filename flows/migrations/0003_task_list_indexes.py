"""Partial indexes for the inbox and the queue (docs/query-plans.md).

The inbox asks for a user's assigned tasks: the plain owner index also holds every task the
user ever finished. The queue asks for new human tasks of one flow's steps: the open-task
index by process made it read the new tasks of all three flows and throw two thirds away.
"""

from django.db import migrations

INDEXES = [
    (
        "flows_task_inbox",
        "CREATE INDEX flows_task_inbox ON viewflow_task (owner_id) WHERE status = 'ASSIGNED'",
    ),
    (
        "flows_task_queue",
        "CREATE INDEX flows_task_queue ON viewflow_task (flow_task) "
        "WHERE status = 'NEW' AND flow_task_type = 'HUMAN'",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("flows", "0002_open_task_indexes")]

    operations = [
        migrations.RunSQL(create, reverse_sql=f"DROP INDEX IF EXISTS {name}")
        for name, create in INDEXES
    ]
