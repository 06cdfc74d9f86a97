"""The queue's index carries what the queue reads of a task, on PostgreSQL.

The queue and its menu count read every new human task of the flow's steps (about 2,000 at
100,000 requests) to keep those of the user's areas. With the columns they filter and join
on in the index, PostgreSQL reads them from the index alone instead of visiting each task's
row in a table of a million and a half: about 3 ms less per queue page and per menu count
(docs/query-plans.md). SQLite has no INCLUDE and keeps the index of 0003.
"""

from django.db import migrations

COVERING = (
    "CREATE INDEX flows_task_queue ON viewflow_task (flow_task) "
    "INCLUDE (id, process_id, owner_permission, owner_id, created) "
    "WHERE status = 'NEW' AND flow_task_type = 'HUMAN'"
)
PLAIN = (
    "CREATE INDEX flows_task_queue ON viewflow_task (flow_task) "
    "WHERE status = 'NEW' AND flow_task_type = 'HUMAN'"
)


def recreate(create):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP INDEX IF EXISTS flows_task_queue")
            schema_editor.execute(create)

    return run


class Migration(migrations.Migration):
    dependencies = [("flows", "0003_task_list_indexes")]

    operations = [migrations.RunPython(recreate(COVERING), recreate(PLAIN))]
