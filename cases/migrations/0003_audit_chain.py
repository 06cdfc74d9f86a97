"""Hash-chain the case history and make the event table append-only in the database."""

import django.utils.timezone
from django.db import migrations, models

GENESIS = "0" * 64

SQLITE_TRIGGERS = [
    """CREATE TRIGGER cases_caseevent_no_update BEFORE UPDATE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'cases_caseevent is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER cases_caseevent_no_delete BEFORE DELETE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'cases_caseevent is append-only: DELETE refused'); END""",
]
POSTGRES_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION cases_caseevent_append_only() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
           MESSAGE = 'cases_caseevent is append-only: ' || TG_OP || ' refused';
       END $$""",
    """CREATE TRIGGER cases_caseevent_append_only BEFORE UPDATE OR DELETE ON cases_caseevent
       FOR EACH ROW EXECUTE FUNCTION cases_caseevent_append_only()""",
]
DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS cases_caseevent_no_update",
        "DROP TRIGGER IF EXISTS cases_caseevent_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS cases_caseevent_append_only ON cases_caseevent",
        "DROP FUNCTION IF EXISTS cases_caseevent_append_only()",
    ],
}


def chain_existing_events(apps, schema_editor):
    """Events written before the chain existed are chained in id order."""
    from cases.chain import compute_hash, plain_json

    CaseEvent = apps.get_model("cases", "CaseEvent")
    AuditHead = apps.get_model("cases", "AuditHead")
    prev_hash, seq = GENESIS, 0
    for event in CaseEvent.objects.order_by("id"):
        seq += 1
        event.seq, event.prev_hash = seq, prev_hash
        event.changes = plain_json(event.changes)
        event.hash = compute_hash(event)
        event.save(update_fields=["seq", "prev_hash", "hash", "changes"])
        prev_hash = event.hash
    AuditHead.objects.create(pk=1, seq=seq, hash=prev_hash)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(vendor, []):
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    for sql in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_assistancerequest_decision_dispatch_followup_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField()),
                ("event_id", models.BigIntegerField(null=True)),
                ("hash", models.CharField(max_length=64)),
                ("taken_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("taken_by", models.CharField(blank=True, max_length=150)),
            ],
            options={"ordering": ["-taken_at"]},
        ),
        migrations.AddField(
            model_name="caseevent",
            name="seq",
            field=models.PositiveBigIntegerField(null=True, verbose_name="sequence"),
        ),
        migrations.AddField(
            model_name="caseevent",
            name="prev_hash",
            field=models.CharField(default=GENESIS, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="caseevent",
            name="hash",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="caseevent",
            name="seq",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="sequence"),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="hash",
            field=models.CharField(max_length=64, unique=True),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="at"),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="ip_address",
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="user_agent",
            field=models.CharField(blank=True, max_length=300, verbose_name="user agent"),
        ),
        migrations.AlterModelOptions(
            name="caseevent",
            options={"ordering": ["seq"], "verbose_name": "case event", "verbose_name_plural": "case events"},
        ),
        migrations.RemoveIndex(model_name="caseevent", name="cases_casee_assista_9e3255_idx"),
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(fields=["assistance_request", "seq"], name="cases_casee_assista_seq_idx"),
        ),
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(fields=["beneficiary", "seq"], name="cases_casee_benefic_seq_idx"),
        ),
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(fields=["actor", "seq"], name="cases_casee_actor_seq_idx"),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
