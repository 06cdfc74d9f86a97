"""Four fewer indexes for every case event to write, on PostgreSQL.

The foreign keys' own indexes duplicated the first column of the (request, seq),
(beneficiary, seq) and (actor, seq) indexes, which serve the same lookups; the hash's
`unique=True` also built a second index for LIKE that nothing asks. At 667,000 events that
is four of eleven indexes written on every append and about 110 MB (docs/performance.md).

PostgreSQL only: SQLite would rebuild the table for these changes and lose the append-only
triggers of 0003 with it, for indexes that only matter at scale. There the schema keeps them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class OnPostgreSQL(migrations.operations.base.Operation):
    """`operation` in the migration state everywhere, in the database on PostgreSQL only."""

    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def state_forwards(self, app_label, state):
        self.operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} (in the database on PostgreSQL only)"


def foreign_key(to, **options):
    return models.ForeignKey(
        to, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, **options
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_request_list_index")]

    operations = [
        OnPostgreSQL(operation)
        for operation in (
            migrations.AlterField(
                model_name="caseevent",
                name="actor",
                field=foreign_key(settings.AUTH_USER_MODEL, related_name="+", verbose_name="by"),
            ),
            migrations.AlterField(
                model_name="caseevent",
                name="assistance_request",
                field=foreign_key(
                    "cases.assistancerequest",
                    blank=True,
                    related_name="events",
                    verbose_name="assistance request",
                ),
            ),
            migrations.AlterField(
                model_name="caseevent",
                name="beneficiary",
                field=foreign_key("cases.beneficiary", blank=True, related_name="events"),
            ),
            migrations.AlterField(
                model_name="caseevent", name="hash", field=models.CharField(max_length=64)
            ),
            migrations.AddConstraint(
                model_name="caseevent",
                constraint=models.UniqueConstraint(
                    fields=("hash",), name="cases_caseevent_hash_unique"
                ),
            ),
        )
    ]
