"""Record a case made by the real services, then copy it in bulk into other towns.

A template is every row the services and viewflow wrote for one request (the request, its
detail, reports, decisions, dispatches, volunteer records, notifications, the process, its
tasks and their links, the case events), read back from the database after the request
reached its stage. A copy gets new primary keys; foreign keys into the template follow the
copy, foreign keys to shared rows (users, teams, areas) follow the town's slots (the case
worker of town A becomes the case worker of town B), the beneficiary and village are the
copy's own, every date and time moves by the copy's offset, and the case events are linked
into the hash chain one by one exactly as `cases.chain.append` does. What the copy says is
therefore what the services would have written for that beneficiary at that time.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db import connection, models

from cases import chain
from cases.models import AssistanceRequest, Beneficiary, CaseEvent, User

CLONED_APPS = {"cases", "flows", "volunteers", "viewflow"}
# Rows a case refers to but does not own.
SHARED = {
    "cases.area", "cases.user", "cases.user_areas", "cases.user_groups",
    "cases.user_user_permissions", "cases.beneficiary", "cases.audithead",
    "cases.auditcheckpoint", "cases.officesettings", "cases.idempotencykey",
    "cases.rendereddocument", "volunteers.team", "volunteers.volunteer",
    "volunteers.volunteer_areas", "volunteers.membership", "volunteers.volunteersettings",
}  # fmt: skip
# Keys of CaseEvent.changes whose values are primary keys of these models.
CHANGE_KEYS = {
    "verification": "cases.verificationreport", "decision": "cases.decision",
    "dispatch": "cases.dispatch", "follow_up": "cases.followup", "team": "volunteers.team",
    "verified_by": "cases.user", "assignment": "volunteers.assignment",
    "record": "volunteers.activityrecord", "pairing": "volunteers.pairing",
    "payment": "volunteers.moneyinlieupayment", "notified": "cases.user",
}  # fmt: skip


def cloned_models():
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in CLONED_APPS and not meta.proxy and meta.label_lower not in SHARED:
            found.append(model)
    return found


def _auto_pk(model):
    return isinstance(model._meta.pk, models.AutoField)


def max_pks():
    return {
        model: model.objects.aggregate(m=models.Max("pk"))["m"] or 0
        for model in cloned_models()
        if _auto_pk(model)
    }


def _fields(model):
    return list(model._meta.local_concrete_fields)


class Template:
    """The rows of one recorded case: {model: [row dicts by attname]}."""

    def __init__(self, before, after, *, assistance_request, town, finished):
        self.town, self.finished = town, finished
        self.beneficiary_id = assistance_request.beneficiary_id
        self.area_id = assistance_request.area_id
        self.kind = assistance_request.kind
        self.suggestion = (assistance_request.suggested_relief, assistance_request.suggested_ground)
        self.rows = {}
        for model in cloned_models():
            if _auto_pk(model):
                queryset = model.objects.filter(pk__gt=before[model], pk__lte=after[model])
                self._read(model, queryset)
        pending = [m for m in cloned_models() if not _auto_pk(m)]
        while pending:  # rows keyed by a parent row (details, outcome, process subclasses)
            for model in list(pending):
                parent = model._meta.pk.related_model
                if parent in self.rows or parent._meta.label_lower in SHARED:
                    ids = [r["id" if "id" in r else parent._meta.pk.attname] for r in
                           self.rows.get(parent, [])]  # fmt: skip
                    self._read(model, model.objects.filter(pk__in=ids))
                    pending.remove(model)
        self.rows = {m: rows for m, rows in self.rows.items() if rows}
        events = self.rows.pop(CaseEvent, [])
        self.events = sorted(events, key=lambda r: r["seq"])

    def _read(self, model, queryset):
        fields = _fields(model)
        rows = list(queryset.order_by("pk").values(*[f.attname for f in fields]))
        # Viewflow's reference fields read back as classes and nodes: keep what is stored.
        custom = [f for f in fields if not type(f).__module__.startswith("django.")]
        for row in rows:
            for f in custom:
                row[f.attname] = f.get_db_prep_save(row[f.attname], connection)
        self.rows[model] = rows

    def row_count(self):
        return sum(len(rows) for rows in self.rows.values()) + len(self.events)


class Writer:
    """Buffers copied rows per table and writes them with COPY (PostgreSQL) or executemany."""

    def __init__(self):
        self.buffers = defaultdict(list)
        self.next_pk = {}
        self.written = defaultdict(int)
        self.postgres = connection.vendor == "postgresql"

    def allocate(self, model):
        if model not in self.next_pk:
            self.next_pk[model] = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        pk = self.next_pk[model]
        self.next_pk[model] += 1
        return pk

    def add(self, model, values):
        self.buffers[model].append(values)

    def flush(self):
        for model, rows in self.buffers.items():
            self._write(model, rows)
            self.written[model._meta.label] += len(rows)
        self.buffers.clear()

    def _write(self, model, rows):
        fields = _fields(model)
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            if self.postgres:
                from psycopg.types.json import Jsonb

                json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        if json_at:
                            row = list(row)
                            for i in json_at:
                                row[i] = Jsonb(row[i])
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(fields))
                prepared = [
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
                    for row in rows
                ]
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, prepared)

    def reset_sequences(self):
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            for model, next_pk in self.next_pk.items():
                table, column = model._meta.db_table, model._meta.pk.column
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)", [table, column, next_pk]
                )


def _shift_text(value, offset):
    """ISO dates and times inside JSON (task due dates, changes) move with the copy."""
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return (date.fromisoformat(value) + offset).isoformat()
            return (datetime.fromisoformat(value) + offset).isoformat()
        except ValueError:
            return value
    return value


class Copier:
    """Copies templates; `chain_head` is (seq, hash) of the locked audit head."""

    def __init__(self, writer, chain_head):
        self.writer = writer
        self.seq, self.prev_hash = chain_head
        self.plans = {}

    def _plan(self, model):
        """Per field: how to produce the copy's value (computed once per model)."""
        if model in self.plans:
            return self.plans[model]
        plan = []
        for f in _fields(model):
            if f.primary_key and _auto_pk(model):
                plan.append(("pk", f.attname, None))
            elif f.is_relation:
                plan.append(("fk", f.attname, f.related_model))
            elif isinstance(f, models.DateTimeField):
                plan.append(("datetime", f.attname, None))
            elif isinstance(f, models.DateField):
                plan.append(("date", f.attname, None))
            elif isinstance(f, models.JSONField):
                plan.append(("json", f.attname, None))
            else:
                plan.append(("plain", f.attname, None))
        self.plans[model] = plan
        return plan

    def copy(self, template, town, beneficiary_id, village_id, offset):
        """One copy of `template` in `town`, for that beneficiary, moved by `offset`."""
        ids = defaultdict(dict)
        shared = self._shared_map(template, town, beneficiary_id, village_id)
        for model, rows in template.rows.items():
            if _auto_pk(model):
                for row in rows:
                    ids[model][row["id"]] = self.writer.allocate(model)
        for model, rows in template.rows.items():
            plan = self._plan(model)
            for row in rows:
                self.writer.add(model, self._values(model, plan, row, ids, shared, offset))
        self._copy_events(template, ids, shared, offset)
        return ids[AssistanceRequest] and next(iter(ids[AssistanceRequest].values()))

    def _shared_map(self, template, town, beneficiary_id, village_id):
        slots = template.town.slots()
        target = town.slot_values()
        mapping = {label_pk: target[slot] for label_pk, slot in slots.items()}
        mapping[("cases.beneficiary", template.beneficiary_id)] = beneficiary_id
        mapping[("cases.area", template.area_id)] = village_id
        return mapping

    def _map(self, related, old, ids, shared):
        if old is None:
            return None
        if related in ids:
            return ids[related].get(old, old)
        if related._meta.pk.is_relation and related._meta.pk.related_model in ids:
            return ids[related._meta.pk.related_model].get(old, old)
        return shared.get((related._meta.label_lower, old), old)

    def _values(self, model, plan, row, ids, shared, offset):
        values = []
        days = timedelta(days=offset.days)
        for kind, name, related in plan:
            value = row[name]
            if kind == "pk":
                value = ids[model][value]
            elif kind == "fk":
                value = self._map(related, value, ids, shared)
            elif kind == "datetime" and value is not None:
                value = value + offset
            elif kind == "date" and value is not None:
                value = value + days
            elif kind == "json" and isinstance(value, dict):
                value = {k: _shift_text(v, offset) for k, v in value.items()}
            values.append(value)
        return values

    def _copy_events(self, template, ids, shared, offset):
        for row in template.events:
            event = dict(row)
            event["id"] = self.writer.allocate(CaseEvent)
            event["at"] = row["at"] + offset
            event["actor_id"] = self._map(User, row["actor_id"], ids, shared)
            event["beneficiary_id"] = self._map(Beneficiary, row["beneficiary_id"], ids, shared)
            event["assistance_request_id"] = self._map(
                AssistanceRequest, row["assistance_request_id"], ids, shared
            )
            label, _sep, pk = row["target"].rpartition(":")
            event["target"] = f"{label}:{self._map(apps.get_model(label), int(pk), ids, shared)}"
            event["changes"] = self._changes(row["changes"], ids, shared, offset)
            self.seq += 1
            event["seq"], event["prev_hash"] = self.seq, self.prev_hash
            event["hash"] = chain.compute_hash(event)
            self.prev_hash = event["hash"]
            self.writer.add(CaseEvent, [event[f.attname] for f in _fields(CaseEvent)])

    def _changes(self, changes, ids, shared, offset):
        result = {}
        for key, value in changes.items():
            model = CHANGE_KEYS.get(key)
            if model and isinstance(value, list):
                related = apps.get_model(model)
                value = [
                    [self._map(related, x, ids, shared) for x in v] if isinstance(v, list)
                    else self._map(related, v, ids, shared) if isinstance(v, int) else v
                    for v in value
                ]  # fmt: skip
            elif isinstance(value, list):
                value = [_shift_text(v, offset) for v in value]
            result[key] = value
        return result


__all__ = ["Copier", "Template", "Writer", "max_pks"]
