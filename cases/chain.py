"""The hash chain that makes the case history tamper-evident.

Canonical form of an event (what its hash covers), version 1:

    UTF-8 bytes of the JSON object
      {"v": 1, "seq": <int>, "prev": <hex of the previous event's hash>,
       "at": <UTC time, ISO 8601 with microseconds, e.g. "2026-11-22T08:00:00.000000+00:00">,
       "kind": <str>, "actor": <user id or null>, "beneficiary": <id or null>,
       "request": <assistance request id or null>, "target": <str>, "reason": <str>,
       "changes": <object>, "ip": <str or null>, "ua": <str>}
    written with sorted keys, separators "," and ":", non-ASCII characters kept as they are.

    hash = SHA-256 of those bytes, in lower-case hex. The first event's "prev" is GENESIS.

Every event therefore fixes its predecessor; editing, deleting, inserting or reordering any
event breaks the link after it. Rewriting the whole chain from some point on keeps it
internally consistent, which is what checkpoints kept outside the database catch: a saved
(seq, hash) pair that no longer matches.
"""

import json
from dataclasses import dataclass
from datetime import UTC
from hashlib import sha256

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "prev_hash",
    "at",
    "kind",
    "actor_id",
    "beneficiary_id",
    "assistance_request_id",
    "target",
    "reason",
    "changes",
    "ip_address",
    "user_agent",
    "hash",
    "id",
)
_LINK_FIELDS = ("id", "seq", "prev_hash", "hash")  # what linking an event to the chain sets
# Positions in a row read by _read (FIELDS order); the first twelve are what the hash covers.
SEQ, PREV, HASH, ID = 0, 1, 12, 13


def plain_json(value):
    """The value as it will come back from the JSON column (tuples → lists, keys → str)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


# The canonical form written directly, keys in their sorted order: the same bytes as
# json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False), without
# building the document and sorting its keys for every event (tests/cases compare the two).
_CANONICAL = (
    '{"actor":%s,"at":"%s","beneficiary":%s,"changes":%s,"ip":%s,"kind":%s,"prev":%s,'
    '"reason":%s,"request":%s,"seq":%s,"target":%s,"ua":%s,"v":1}'
)
_to_json = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, check_circular=False
).encode
_json_string = json.encoder.encode_basestring  # what _to_json writes for a str


def _value(value):
    """One scalar as JSON: the common types directly, anything else through the encoder."""
    if value is None:
        return "null"
    if type(value) is str:
        return _json_string(value)
    if type(value) is int:
        return str(value)
    return _to_json(value)


def _canonical_text(seq_json, prev_json, at, kind, actor, beneficiary, request, target, reason,
                    changes, ip, ua):  # fmt: skip
    """The canonical form as text; seq and prev come as JSON already."""
    if at.tzinfo is not UTC:
        at = at.astimezone(UTC)
    return _CANONICAL % (
        _value(actor),
        at.isoformat(timespec="microseconds"),
        _value(beneficiary),
        _to_json(changes),
        _value(ip),
        _json_string(kind),
        prev_json,
        _json_string(reason),
        _value(request),
        seq_json,
        _json_string(target),
        _json_string(ua),
    )


def canonical(event) -> bytes:
    """`event` is a CaseEvent or a dict with the FIELDS names."""
    get = event.get if isinstance(event, dict) else event.__getattribute__
    seq, prev, *rest = (get(name) for name in FIELDS[:12])
    return _canonical_text(_value(seq), _value(prev), *rest).encode()


def compute_hash(event) -> str:
    return sha256(canonical(event)).hexdigest()


def append(event):
    """Link an unsaved CaseEvent to the head and save it; see append_all."""
    append_all([event])
    return event


def append_all(events):
    """Link unsaved CaseEvents, in their order, to the head and insert them; return them with
    pk, seq, prev_hash and hash set. Runs inside the caller's transaction (or its own).

    The head row is locked by the statement that moves it on, until the transaction ends, so
    concurrent writers queue up and each sees the head its predecessor left: no forks, and
    `seq` has no gaps because a rolled-back writer's head update rolls back with it. Plain
    SQL: the ORM's per-statement work would cost more than the rest.
    """
    if not events:
        return events
    with transaction.atomic(savepoint=False):
        if len(events) == 1 and connection.vendor == "postgresql":
            _append_in_one_statement(events[0])
            return events
        seq, prev_hash = _move_head(len(events))
        for event in events:
            seq += 1
            event.seq, event.prev_hash = seq, prev_hash
            event.changes = plain_json(event.changes)
            event.hash = prev_hash = compute_hash(event)
        _insert(events, head_hash=prev_hash)
    return events


def _append_in_one_statement(event):
    """PostgreSQL: lock the head, hash, insert and move the head in one round trip.

    The canonical form is written here, as always, except for the two values only the locked
    head gives, prev and seq: the database puts them in between and takes the SHA-256. The
    form is cut at NUL characters, which JSON never leaves unescaped, so the cuts are exact.
    """
    from .models import AuditHead, CaseEvent

    event.changes = plain_json(event.changes)
    get = event.__getattribute__
    parts = _canonical_text("\0", '"\0"', *(get(name) for name in FIELDS[2:12])).split("\0")
    fields = [f for f in CaseEvent._meta.concrete_fields if f.name not in _LINK_FIELDS]
    head, table = AuditHead._meta.db_table, CaseEvent._meta.db_table
    sql = f"""
        WITH head AS (SELECT seq + 1 AS seq, hash AS prev FROM {head} WHERE id = 1 FOR UPDATE),
        linked AS (
            SELECT seq, prev,
                   encode(sha256(convert_to(%s || prev || %s || seq || %s, 'UTF8')), 'hex') AS hash
            FROM head
        ),
        moved AS (UPDATE {head} SET seq = linked.seq, hash = linked.hash FROM linked
                  WHERE {head}.id = 1)
        INSERT INTO {table} ({", ".join(f.column for f in fields)}, seq, prev_hash, hash)
        SELECT {", ".join(["%s"] * len(fields))}, seq, prev, hash FROM linked
        RETURNING id, seq, prev_hash, hash"""  # noqa: S608 - no input in the text
    params = [*parts, *(f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:  # no head row: see _move_head
            AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})
            cursor.execute(sql, params)
            row = cursor.fetchone()
    event.pk, event.seq, event.prev_hash, event.hash = row
    event._state.adding, event._state.db = False, connection.alias


def _move_head(count):
    """Lock the head and take `count` numbers: (the seq before them, the head's hash)."""
    from .models import AuditHead

    sql = (
        f"UPDATE {AuditHead._meta.db_table} SET seq = seq + %s WHERE id = 1 "  # noqa: S608
        "RETURNING seq, hash"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [count])
        row = cursor.fetchone()
        if row is None:
            # The head row is created by the migration; this only matters for a database
            # emptied wholesale (tests). With events left and the head gone, seq 1 collides.
            AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})
            cursor.execute(sql, [count])
            row = cursor.fetchone()
    return row[0] - count, row[1]


def _insert(events, head_hash, batch=500):
    """INSERT the linked events (and set the head's hash), then give them their ids."""
    from .models import AuditHead, CaseEvent

    fields = [field for field in CaseEvent._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    set_head = f"UPDATE {AuditHead._meta.db_table} SET hash = %s WHERE id = 1"  # noqa: S608
    ids = {}
    with connection.cursor() as cursor:
        for start in range(0, len(events), batch):
            chunk = events[start : start + batch]
            sql = (
                f"INSERT INTO {CaseEvent._meta.db_table} ({columns}) "  # noqa: S608
                f"VALUES {', '.join([row] * len(chunk))} RETURNING id, seq"
            )
            params = [
                field.get_db_prep_save(getattr(event, field.attname), connection)
                for event in chunk
                for field in fields
            ]
            last = start + batch >= len(events)
            if last and connection.vendor == "postgresql":  # the head moves in the same trip
                sql, params = f"WITH head AS ({set_head}) {sql}", [head_hash, *params]
            cursor.execute(sql, params)
            ids.update((seq, pk) for pk, seq in cursor.fetchall())
        if connection.vendor != "postgresql":
            cursor.execute(set_head, [head_hash])
    for event in events:
        event.pk = ids[event.seq]
        event._state.adding, event._state.db = False, connection.alias


@dataclass
class Report:
    ok: bool
    checked: int
    broken_event_id: int | None = None
    broken_seq: int | None = None
    expected: str = ""
    found: str = ""
    problem: str = ""

    def __str__(self):
        if self.ok:
            return f"intact: {self.checked} events"
        return (
            f"BROKEN at event id {self.broken_event_id} (seq {self.broken_seq}): {self.problem}; "
            f"expected {self.expected}, found {self.found}"
        )


def _read(where="", params=(), batch=5000):
    """Events as rows in FIELDS order, by seq, read with a plain cursor.

    The whole-chain walk is bound by per-row cost, so the rows skip the ORM's converters (the
    ones that matter here are done by _row_hash). PostgreSQL sends them in binary, which is
    read faster than text; that needs a cursor binding its parameters on the server.
    """
    from .models import CaseEvent

    columns = [CaseEvent._meta.get_field(name).column for name in FIELDS]
    options = {}
    if connection.vendor == "postgresql":
        from psycopg import Cursor

        # The JSON and the address as the text the ORM would read (abbrev() is inet's output).
        columns = [{"changes": "changes::text", "ip_address": "abbrev(ip_address)"}.get(c, c)
                   for c in columns]  # fmt: skip
        connection.ensure_connection()
        cursor, options = Cursor(connection.connection), {"binary": True}
    else:
        cursor = connection.cursor()
    table = CaseEvent._meta.db_table
    sql = f"SELECT {', '.join(columns)} FROM {table} {where} ORDER BY seq"  # noqa: S608
    with cursor:
        cursor.execute(sql, params, **options)
        while rows := cursor.fetchmany(batch):
            yield from rows


def _row_hash(row):
    """The hash of a row from _read; "(unreadable)" for values no event can have."""
    seq, prev, at, kind, actor, beneficiary, request, target, reason, changes, ip, ua = row[:12]
    try:
        if at.tzinfo is None:  # SQLite keeps UTC without a zone
            at = at.replace(tzinfo=UTC)
        document = _canonical_text(
            _value(seq), _json_string(prev), at, kind, actor, beneficiary, request, target,
            reason, json.loads(changes), ip, ua,
        ).encode()  # fmt: skip
    except (TypeError, ValueError, AttributeError):
        return "(unreadable)"
    return sha256(document).hexdigest()


@dataclass
class _Walk:
    """What walking a stretch of the chain found (picklable: workers send it back)."""

    problem: Report | None = None
    first_prev: str | None = None  # the first event's prev_hash (None: no events)
    first_row: tuple | None = None
    last_hash: str | None = None
    next_seq: int = 1
    checked: int = 0
    checkpoint_seen: bool = False


def _walk(rows, prev_hash, expected_seq, checkpoint):
    """Check `rows` in order; `prev_hash` None takes the first row's link as given (a stretch
    whose predecessor another worker checks)."""
    walk = _Walk(next_seq=expected_seq)
    first_seq = expected_seq
    checkpoint_seq = checkpoint["seq"] if checkpoint else None
    last_hash = None
    for row in rows:
        if walk.first_row is None:
            walk.first_row, walk.first_prev = row, row[PREV]
            if prev_hash is None:
                prev_hash = row[PREV]
        if row[SEQ] != expected_seq or row[PREV] != prev_hash or _row_hash(row) != row[HASH]:
            walk.problem = _check_row(row, prev_hash, expected_seq)  # which of the three
            break
        if expected_seq == checkpoint_seq:
            walk.checkpoint_seen = True
            if row[HASH] != checkpoint["hash"]:
                walk.problem = _broken(
                    row, checkpoint["hash"], row[HASH], "differs from the saved checkpoint"
                )
                break
        prev_hash = last_hash = row[HASH]
        expected_seq += 1
    walk.last_hash, walk.next_seq, walk.checked = last_hash, expected_seq, expected_seq - first_seq
    return walk


def _walk_stretch(lo, hi, checkpoint):
    """One worker's stretch (a forked process with its own database connection)."""
    try:
        return _walk(_read("WHERE seq >= %s AND seq <= %s", [lo, hi]), None, lo, checkpoint)
    finally:
        connection.close()


def _walk_parallel(jobs, checkpoint, last):
    """Split the chain up to seq `last` into `jobs` stretches, hash them in as many processes,
    and join the stretches: each must start from the hash the one before it ended with."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from django.db import connections

    size = -(-last // jobs) or 1
    stretches = [(lo, min(lo + size - 1, last)) for lo in range(1, last + 1, size)]
    connections.close_all()  # the children must not share the parent's connection
    with ProcessPoolExecutor(len(stretches) or 1, mp_context=get_context("fork")) as pool:
        walks = list(
            pool.map(_walk_stretch, *zip(*stretches, strict=True), [checkpoint] * len(stretches))
        )
    total = _Walk(last_hash=GENESIS)
    for (lo, _hi), walk in zip(stretches, walks, strict=True):
        if walk.first_row is None:  # nothing in this stretch: its first event is missing
            total.problem = Report(False, 0, broken_seq=lo, expected=f"seq {lo}",
                                   found="(missing)", problem="an event is missing")  # fmt: skip
            return total
        if walk.first_prev != total.last_hash and walk.first_row[SEQ] == lo:
            total.problem = _broken(walk.first_row, total.last_hash, walk.first_prev,
                                    "the link to the previous event")  # fmt: skip
            return total
        total.checkpoint_seen |= walk.checkpoint_seen
        total.checked += walk.checked
        if walk.problem:
            total.problem = walk.problem
            return total
        total.last_hash, total.next_seq = walk.last_hash, walk.next_seq
    return total


def _can_fork():
    """Other processes see what this one sees: no open transaction (its events would be
    invisible to them) and not an in-memory SQLite database (tests)."""
    name = str(connection.settings_dict.get("NAME") or "")
    in_memory = connection.vendor == "sqlite" and (":memory:" in name or "mode=memory" in name)
    return not connection.in_atomic_block and not in_memory


def verify_all(checkpoint=None, jobs=1) -> Report:
    """Walk the whole chain from the genesis; stop at the first broken link.

    `checkpoint` is a dict with "seq" and "hash" saved earlier: the event at that seq must
    still carry that hash, which catches a chain recomputed from an earlier point. With
    `jobs` > 1 the chain is hashed in that many processes (the report is the same).
    """
    from django.db.models import Subquery

    from .models import AuditHead, CaseEvent

    # The head as the walk begins: events appended while it runs are the next walk's.
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0, hash=GENESIS)
    if jobs > 1 and _can_fork():
        walk = _walk_parallel(jobs, checkpoint, head.seq)
    else:
        walk = _walk(_read("WHERE seq <= %s", [head.seq]), GENESIS, 1, checkpoint)
    if walk.problem:
        return walk.problem
    prev_hash, expected_seq, checked = walk.last_hash or GENESIS, walk.next_seq, walk.checked
    checkpoint_seen = walk.checkpoint_seen or checkpoint is None or checkpoint["seq"] == 0
    if not checkpoint_seen:
        return Report(
            False,
            checked,
            broken_seq=checkpoint["seq"],
            expected=checkpoint["hash"],
            found="(missing)",
            problem="the checkpoint's event is missing: the chain was cut short",
        )
    if (head.seq, head.hash) != (expected_seq - 1, prev_hash):
        return Report(
            False,
            checked,
            broken_seq=head.seq,
            expected=head.hash,
            found=prev_hash,
            problem="the last event is not the recorded head: events were removed from the end",
        )
    # Events past the head as it is now (one statement: the head and the events seen at the
    # same moment) were put there without moving it: not on the chain.
    current_head = Subquery(AuditHead.objects.filter(pk=1).values("seq"))
    stray = CaseEvent.objects.filter(seq__gt=current_head).order_by("seq").first()
    if stray is not None:
        return Report(
            False,
            checked,
            broken_event_id=stray.pk,
            broken_seq=stray.seq,
            expected="(no event after the head)",
            found=stray.hash,
            problem="an event after the recorded head is not on the chain",
        )
    return Report(True, checked)


def verify_case(assistance_request) -> Report:
    """Check every event of one case: its own hash and its link to its predecessor."""
    seqs = sorted(assistance_request.events.values_list("seq", flat=True))
    if not seqs:
        return Report(True, 0)
    wanted = sorted({*seqs, *(seq - 1 for seq in seqs if seq > 1)})
    placeholders = ", ".join(["%s"] * len(wanted))
    rows = {row[SEQ]: row for row in _read(f"WHERE seq IN ({placeholders})", wanted)}
    for seq in seqs:
        row, before = rows.get(seq), rows.get(seq - 1)
        if row is None:  # removed since the first read
            continue
        if seq > 1 and before is None:
            return _broken(row, "(an event)", "(missing)", "its predecessor was deleted")
        prev_hash = before[HASH] if before else GENESIS
        problem = (before and _check_row(before, before[PREV], before[SEQ])) or (
            _check_row(row, prev_hash, seq)
        )
        if problem:
            return problem
    return Report(True, len(seqs))


def _check_row(row, prev_hash, expected_seq):
    if row[SEQ] != expected_seq:
        return _broken(row, f"seq {expected_seq}", f"seq {row[SEQ]}", "an event is missing")
    if row[PREV] != prev_hash:
        return _broken(row, prev_hash, row[PREV], "the link to the previous event")
    recomputed = _row_hash(row)
    if recomputed != row[HASH]:
        return _broken(row, recomputed, row[HASH], "the event's content was changed")
    return None


def _broken(row, expected, found, problem):
    return Report(
        False,
        0,
        broken_event_id=row[ID],
        broken_seq=row[SEQ],
        expected=expected,
        found=found,
        problem=problem,
    )
