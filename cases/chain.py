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

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

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


def plain_json(value):
    """The value as it will come back from the JSON column (tuples → lists, keys → str)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def canonical(event) -> bytes:
    """`event` is a CaseEvent or a dict with the FIELDS names."""
    get = event.get if isinstance(event, dict) else event.__getattribute__
    document = {
        "v": 1,
        "seq": get("seq"),
        "prev": get("prev_hash"),
        "at": get("at").astimezone(UTC).isoformat(timespec="microseconds"),
        "kind": get("kind"),
        "actor": get("actor_id"),
        "beneficiary": get("beneficiary_id"),
        "request": get("assistance_request_id"),
        "target": get("target"),
        "reason": get("reason"),
        "changes": get("changes"),
        "ip": get("ip_address"),
        "ua": get("user_agent"),
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(event) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


def append(event):
    """Link an unsaved CaseEvent to the head and save it. Call inside a transaction.

    The head row is locked (SELECT ... FOR UPDATE) until the caller's transaction ends, so
    concurrent writers queue up and each sees the head its predecessor left: no forks, and
    `seq` has no gaps because a rolled-back writer's head update rolls back with it.
    """
    from .models import AuditHead

    # The head row is created by the migration; get_or_create only matters for a database
    # emptied wholesale (tests). With events left and the head gone, seq 1 collides: loud.
    head, _created = AuditHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"seq": 0, "hash": GENESIS}
    )
    event.seq = head.seq + 1
    event.prev_hash = head.hash
    event.changes = plain_json(event.changes)
    event.hash = compute_hash(event)
    event.save(force_insert=True)
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


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


def _rows(queryset):
    return queryset.order_by("seq").values(*FIELDS).iterator(chunk_size=5000)


def _all_rows(batch=5000, seq_range=None):
    """Every event (or those with seq in `seq_range`, inclusive) as a FIELDS dict, read with
    a plain cursor.

    The whole-chain walk is bound by per-row conversion cost; skipping the ORM's converters
    (and doing the two that matter here by hand) makes it about twice as fast.
    """
    from .models import CaseEvent

    table = CaseEvent._meta.db_table
    columns = ", ".join(CaseEvent._meta.get_field(name).column for name in FIELDS)
    where, params = "", []
    if seq_range is not None:
        where, params = "WHERE seq >= %s AND seq <= %s ", list(seq_range)
    with connection.cursor() as cursor:
        sql = f"SELECT {columns} FROM {table} {where}ORDER BY seq"  # noqa: S608 - no input
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(batch):
            for values in rows:
                row = dict(zip(FIELDS, values, strict=True))
                at = row["at"]
                if isinstance(at, str):
                    at = datetime.fromisoformat(at)
                if at.tzinfo is None:  # SQLite keeps UTC without a zone
                    row["at"] = at.replace(tzinfo=UTC)
                if isinstance(row["changes"], str):
                    row["changes"] = json.loads(row["changes"])
                if row["ip_address"] is not None:
                    row["ip_address"] = str(row["ip_address"])
                yield row


@dataclass
class _Walk:
    """What walking a stretch of the chain found (picklable: workers send it back)."""

    problem: Report | None = None
    first_prev: str | None = None  # the first event's prev_hash (None: no events)
    first_row: dict | None = None
    last_hash: str | None = None
    next_seq: int = 1
    checked: int = 0
    checkpoint_seen: bool = False


def _walk(rows, prev_hash, expected_seq, checkpoint):
    """Check `rows` in order; `prev_hash` None takes the first row's link as given (a stretch
    whose predecessor another worker checks)."""
    walk = _Walk(next_seq=expected_seq)
    for row in rows:
        if walk.first_row is None:
            walk.first_row, walk.first_prev = row, row["prev_hash"]
            if prev_hash is None:
                prev_hash = row["prev_hash"]
        problem = _check_row(row, prev_hash, expected_seq)
        if not problem and checkpoint and row["seq"] == checkpoint["seq"]:
            walk.checkpoint_seen = True
            if row["hash"] != checkpoint["hash"]:
                problem = _broken(
                    row, checkpoint["hash"], row["hash"], "differs from the saved checkpoint"
                )
        if problem:
            walk.problem = problem
            return walk
        prev_hash, expected_seq = row["hash"], row["seq"] + 1
        walk.last_hash, walk.next_seq, walk.checked = prev_hash, expected_seq, walk.checked + 1
    return walk


def _walk_stretch(lo, hi, checkpoint):
    """One worker's stretch (a forked process with its own database connection)."""
    try:
        return _walk(_all_rows(seq_range=(lo, hi)), None, lo, checkpoint)
    finally:
        connection.close()


def _walk_parallel(jobs, checkpoint):
    """Split the chain into `jobs` stretches by seq, hash them in as many processes, and join
    the stretches: each must start from the hash the one before it ended with."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from django.db import connections
    from django.db.models import Max

    from .models import CaseEvent

    last = CaseEvent.objects.aggregate(m=Max("seq"))["m"] or 0
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
        if walk.first_prev != total.last_hash and walk.first_row["seq"] == lo:
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
    from .models import AuditHead

    if jobs > 1 and _can_fork():
        walk = _walk_parallel(jobs, checkpoint)
    else:
        walk = _walk(_all_rows(), GENESIS, 1, checkpoint)
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
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0, hash=GENESIS)
    if (head.seq, head.hash) != (expected_seq - 1, prev_hash):
        return Report(
            False,
            checked,
            broken_seq=head.seq,
            expected=head.hash,
            found=prev_hash,
            problem="the last event is not the recorded head: events were removed from the end",
        )
    return Report(True, checked)


def verify_case(assistance_request) -> Report:
    """Check every event of one case: its own hash and its link to its predecessor."""
    from .models import CaseEvent

    rows = list(_rows(assistance_request.events.all()))
    previous = {
        row["seq"]: row
        for row in _rows(CaseEvent.objects.filter(seq__in=[r["seq"] - 1 for r in rows]))
    }
    for row in rows:
        before = previous.get(row["seq"] - 1)
        if row["seq"] > 1 and before is None:
            return _broken(row, "(an event)", "(missing)", "its predecessor was deleted")
        prev_hash = before["hash"] if before else GENESIS
        problem = (before and _check_row(before, before["prev_hash"], before["seq"])) or (
            _check_row(row, prev_hash, row["seq"])
        )
        if problem:
            return problem
    return Report(True, len(rows))


def _check_row(row, prev_hash, expected_seq):
    if row["seq"] != expected_seq:
        return _broken(row, f"seq {expected_seq}", f"seq {row['seq']}", "an event is missing")
    if row["prev_hash"] != prev_hash:
        return _broken(row, prev_hash, row["prev_hash"], "the link to the previous event")
    recomputed = compute_hash(row)
    if recomputed != row["hash"]:
        return _broken(row, recomputed, row["hash"], "the event's content was changed")
    return None


def _broken(row, expected, found, problem):
    return Report(
        False,
        0,
        broken_event_id=row["id"],
        broken_seq=row["seq"],
        expected=expected,
        found=found,
        problem=problem,
    )
