"""The case history is hash-chained and append-only; every kind of tampering is detected."""

import json
import threading
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext

from cases import audit, chain
from cases.models import AuditHead, Beneficiary, CaseEvent, Kind
from tests.cases.factories import AreaFactory, BeneficiaryFactory, UserFactory


def write_events(count, by=None, target=None):
    target = target or AreaFactory()
    return [
        audit.record(
            "test.event", by=by, target=target, reason=f"第{i}次", changes={"n": [i, i + 1]}
        )
        for i in range(count)
    ]


@contextmanager
def triggers_bypassed():
    """What an attacker with DDL rights could do: switch the append-only triggers off."""
    from importlib import import_module

    migration = import_module("cases.migrations.0003_audit_chain")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for sql in migration.DROP["sqlite"]:
                cursor.execute(sql)
        else:  # a superuser session that fires no ordinary triggers
            cursor.execute("SET LOCAL session_replication_role = replica")
        try:
            yield cursor
        finally:
            if connection.vendor == "sqlite":
                for sql in migration.SQLITE_TRIGGERS:
                    cursor.execute(sql)
            else:
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def test_events_form_a_linear_chain(db):
    user = UserFactory()
    events = write_events(5, by=user)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == chain.GENESIS
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    stored = CaseEvent.objects.get(pk=events[2].pk)
    assert chain.compute_hash(stored) == stored.hash  # the hash survives the round trip
    assert AuditHead.objects.get().hash == events[-1].hash
    report = chain.verify_all()
    assert report.ok and report.checked == 5


def test_canonical_form_is_documented_json(db):
    (event,) = write_events(1)
    document = json.loads(chain.canonical(event))
    assert document["v"] == 1 and document["seq"] == event.seq
    assert document["reason"] == "第0次"  # non-ASCII kept, not escaped
    assert b"\\u" not in chain.canonical(event)


@pytest.mark.parametrize(
    "statement", ["UPDATE cases_caseevent SET reason = 'x'", "DELETE FROM cases_caseevent"]
)
def test_database_refuses_update_and_delete(db, statement):
    write_events(2)
    with (
        pytest.raises((IntegrityError, DatabaseError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        CaseEvent.objects.filter(seq=1).update(reason="edited through the ORM")
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        CaseEvent.objects.get(seq=2).delete()
    assert CaseEvent.objects.count() == 2
    assert chain.verify_all().ok


def test_edited_row_is_named(db):
    events = write_events(6)
    with triggers_bypassed() as cursor:
        cursor.execute(
            "UPDATE cases_caseevent SET reason = %s WHERE id = %s", ["改过", events[3].pk]
        )
    report = chain.verify_all()
    assert not report.ok
    assert report.broken_event_id == events[3].pk
    assert report.expected != report.found
    with pytest.raises(CommandError, match=f"event id {events[3].pk}"):
        call_command("audit_verify")


def test_deleted_row_is_detected(db):
    events = write_events(6)
    with triggers_bypassed() as cursor:
        cursor.execute("DELETE FROM cases_caseevent WHERE id = %s", [events[2].pk])
    report = chain.verify_all()
    assert not report.ok and report.broken_event_id == events[3].pk


def test_deleted_last_row_is_detected_against_the_head(db):
    events = write_events(4)
    with triggers_bypassed() as cursor:
        cursor.execute("DELETE FROM cases_caseevent WHERE id = %s", [events[-1].pk])
    report = chain.verify_all()
    assert not report.ok and "head" in report.problem


def test_swapped_rows_are_detected(db):
    events = write_events(6)
    a, b = events[2], events[3]
    with triggers_bypassed() as cursor:
        # Swap their places in the chain (seq is unique, so go through a free number).
        cursor.execute("UPDATE cases_caseevent SET seq = 999 WHERE id = %s", [a.pk])
        cursor.execute("UPDATE cases_caseevent SET seq = %s WHERE id = %s", [a.seq, b.pk])
        cursor.execute("UPDATE cases_caseevent SET seq = %s WHERE id = %s", [b.seq, a.pk])
    report = chain.verify_all()
    assert not report.ok and report.broken_seq == a.seq


def test_rewritten_chain_passes_alone_but_fails_the_checkpoint(db, tmp_path):
    write_events(5)
    checkpoint = tmp_path / "head.json"
    call_command("audit_checkpoint", output=str(checkpoint))
    write_events(3)
    saved = json.loads(checkpoint.read_text())
    assert saved["seq"] == 5

    # Rewrite history from seq 3 on and recompute every hash after it, head included.
    with triggers_bypassed() as cursor:
        cursor.execute("UPDATE cases_caseevent SET reason = %s WHERE seq = 3", ["伪造"])
        prev_hash = CaseEvent.objects.get(seq=2).hash
        for event in CaseEvent.objects.filter(seq__gte=3).order_by("seq"):
            event.prev_hash = prev_hash
            event.hash = chain.compute_hash(event)
            cursor.execute(
                "UPDATE cases_caseevent SET prev_hash = %s, hash = %s WHERE id = %s",
                [event.prev_hash, event.hash, event.pk],
            )
            prev_hash = event.hash
    AuditHead.objects.filter(pk=1).update(hash=prev_hash)

    assert chain.verify_all().ok  # internally consistent: only the checkpoint can tell
    call_command("audit_verify")
    report = chain.verify_all(checkpoint=saved)
    assert not report.ok and report.broken_seq == 5
    with pytest.raises(CommandError, match="checkpoint"):
        call_command("audit_verify", checkpoint=str(checkpoint))


def test_verify_case_checks_one_case(db):
    user = UserFactory()
    target = AreaFactory()
    write_events(3, by=user, target=target)
    events = list(CaseEvent.objects.order_by("seq"))

    class Case:  # the same interface as AssistanceRequest.events
        events = CaseEvent.objects.filter(seq__in=[2, 3])

    assert chain.verify_case(Case).ok
    with triggers_bypassed() as cursor:
        cursor.execute("UPDATE cases_caseevent SET kind = 'x' WHERE id = %s", [events[1].pk])
    report = chain.verify_case(Case)
    assert not report.ok and report.broken_event_id == events[1].pk


def chain_statements(captured):
    return [
        q["sql"] for q in captured if "cases_audithead" in q["sql"] or "cases_caseevent" in q["sql"]
    ]


def test_deferred_events_are_chained_together_at_the_end_of_the_block(db):
    target = AreaFactory()
    (before,) = write_events(1)
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        with audit.deferred():
            first = audit.record("test.deferred", by=None, target=target, changes={"n": (1,)})
            second = audit.record("test.deferred", by=None, target=target, reason="二")
            third = audit.record("test.deferred", by=None, target=target, reason="三")
            assert first.pk is None and first.seq is None and not first.hash
            assert chain_statements(captured) == []  # the head is not locked yet
            assert first.changes == {"n": [1]}  # as the column will give it back
        inserts = [sql for sql in chain_statements(captured) if "INSERT" in sql]
        assert len(inserts) == 1  # all three in one statement
    assert [first.seq, second.seq, third.seq] == [2, 3, 4]
    assert (first.prev_hash, second.prev_hash, third.prev_hash) == (
        before.hash,
        first.hash,
        second.hash,
    )
    stored = CaseEvent.objects.filter(kind="test.deferred").order_by("seq")
    assert [(e.pk, e.hash) for e in stored] == [(e.pk, e.hash) for e in (first, second, third)]
    assert AuditHead.objects.get().hash == third.hash
    assert chain.verify_all().ok


def test_deferred_events_are_dropped_when_the_block_raises(db):
    target = AreaFactory()
    write_events(2)
    head = AuditHead.objects.get()
    with transaction.atomic():  # the caller goes on after the failure
        with pytest.raises(RuntimeError), transaction.atomic(), audit.deferred():
            audit.record("test.deferred", by=None, target=target)
            raise RuntimeError
        assert not CaseEvent.objects.filter(kind="test.deferred").exists()
        later = audit.record("test.after", by=None, target=target)
    assert (AuditHead.objects.get().seq, later.seq) == (head.seq + 1, head.seq + 1)
    assert chain.verify_all().ok


def test_nested_deferred_blocks_are_written_by_the_outermost(db):
    target = AreaFactory()
    with transaction.atomic(), audit.deferred():
        with audit.deferred():
            inner = audit.record("test.inner", by=None, target=target)
        assert inner.pk is None
        outer = audit.record("test.outer", by=None, target=target)
    assert (inner.seq, outer.seq) == (1, 2)
    assert chain.verify_all().ok


def test_a_flow_step_locks_the_head_only_after_its_work(
    case_worker, approver, leader, team_leader, team_a, areas
):
    from cases.loadgen import lifecycle

    people = lifecycle.People(case_worker, approver, leader, team_leader, team_a)
    beneficiary = BeneficiaryFactory(
        area=areas.village_a, created_by=case_worker, category=Beneficiary.Category.SERVICE_FAMILY
    )
    assistance_request = lifecycle.submit(Kind.FEE_WAIVER, beneficiary, people)
    with CaptureQueriesContext(connection) as captured:
        lifecycle.verify(assistance_request, people)
    statements = [q["sql"] for q in captured]
    locked_at = next(i for i, sql in enumerate(statements) if "cases_audithead" in sql)
    after = [sql for sql in statements[locked_at:] if not sql.startswith(("RELEASE", "COMMIT"))]
    assert after == chain_statements(captured)  # nothing but the chain after the lock
    assert len(after) < len(statements) / 3
    events = list(assistance_request.events.order_by("seq"))
    assert events[-1].kind == "request.verified" and events[-1].hash
    assert chain.verify_all().ok


def test_event_put_after_the_head_is_detected(db):
    """A row inserted past the head (the head not moved) is not on the chain."""
    events = write_events(3)
    stray = CaseEvent(
        kind="test.event", target="cases.area:1", changes={}, seq=4, prev_hash=events[-1].hash
    )
    stray.hash = chain.compute_hash(stray)
    stray.save(force_insert=True)  # plain save: the head stays at 3
    report = chain.verify_all()
    assert not report.ok and report.broken_event_id == stray.pk
    assert "after the recorded head" in report.problem


@pytest.mark.parametrize(
    ("remote_addr", "stored"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("not an address", None),
        (None, None),
    ],
)
def test_client_address_is_recorded_as_the_database_returns_it(db, remote_addr, stored):
    assert audit.client_address(remote_addr) == stored


def test_events_from_any_address_spelling_verify(db):
    """The hash covers the address as stored: an IPv6 client written in capitals and long
    form must still verify after the round trip through the database."""
    target = AreaFactory()
    for spelling in ("2001:0DB8:0000:0000:0000:0000:0000:0001", "::ffff:198.51.100.7"):
        token = audit._origin.set((audit.client_address(spelling), "test agent"))
        try:
            audit.record("test.event", by=None, target=target)
        finally:
            audit._origin.reset(token)
    assert chain.verify_all().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_verify_while_others_append_reports_no_false_break():
    """The auditor verifies a live system: events committed during the walk are left for
    the next walk, never reported as removed from the end."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a second connection writing at once; CI runs this on PostgreSQL")
    target = AreaFactory()
    write_events(200, target=target)
    stop, errors = threading.Event(), []

    def keep_appending():
        try:
            while not stop.is_set():
                with transaction.atomic():
                    audit.record("test.live", by=None, target=target)
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    writer = threading.Thread(target=keep_appending)
    writer.start()
    try:
        reports = [chain.verify_all() for _ in range(15)]
    finally:
        stop.set()
        writer.join()
    assert not errors
    assert all(report.ok for report in reports), [str(r) for r in reports if not r.ok]
    assert reports[-1].checked > reports[0].checked  # the writer was really writing meanwhile
    assert chain.verify_all().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_chain_linear():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this on PostgreSQL")
    target = AreaFactory()
    writers, per_writer = 8, 15
    barrier = threading.Barrier(writers)
    errors = []

    def write():
        try:
            barrier.wait()
            for i in range(per_writer):
                with transaction.atomic():
                    audit.record("test.concurrent", by=None, target=target, reason=str(i))
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    seqs = list(CaseEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, writers * per_writer + 1))  # no gaps, no duplicates
    assert CaseEvent.objects.values("prev_hash").distinct().count() == len(seqs)  # no forks
    assert chain.verify_all().ok
