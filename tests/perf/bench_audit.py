"""Benchmark of the audit chain: cost per appended event, and audit_verify speed.

    .venv/bin/python tests/perf/bench_audit.py [--events 2000] [--verify-events 100000] [--repeat 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_audit .venv/bin/python tests/perf/bench_audit.py

Runs in a throw-away test database (created and dropped like the test suite's), prints a
table and writes test-output/perf/audit-<vendor>.json. Targets: below 1 ms per event, each
in its own transaction (commit included; printed beside a one-row write with its commit,
which every step pays anyway, and the difference); at least 50,000 events/s verified in one
process (audit_verify --jobs 1). With --repeat each is measured that many times and the best counts;
the load average is printed with the results, as other work on the machine skews them.
"""

import argparse
import json
import os
import platform
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402


def append_events(count):
    from cases import audit
    from cases.models import Area

    area = Area.objects.get_or_create(code="990000", name="基准测试县", level="county")[0]
    started = time.perf_counter()
    for i in range(count):
        with transaction.atomic():  # one service call, one transaction
            audit.record(
                "bench.event", by=None, target=area, reason=f"第{i}次", changes={"n": [i, i + 1]}
            )
    return (time.perf_counter() - started) / count


def one_row_writes(count):
    """The same number of transactions, each writing one row and committing: what any step's
    commit costs on this disk (fsync), whether it holds an event or not."""
    from cases.models import Area

    area = Area.objects.get(code="990000")
    started = time.perf_counter()
    for _ in range(count):
        with transaction.atomic():
            Area.objects.filter(pk=area.pk).update(name=area.name)  # a new row version all the same
    return (time.perf_counter() - started) / count


def bulk_chain(count):
    """Extend the chain quickly (hashes computed exactly as append() does) for verify timing."""
    from cases import chain
    from cases.models import AuditHead, CaseEvent

    head = AuditHead.objects.get(pk=1)
    prev_hash, seq, at = head.hash, head.seq, timezone.now()
    batch = []
    for i in range(count):
        seq += 1
        event = CaseEvent(
            seq=seq, prev_hash=prev_hash, at=at + timedelta(microseconds=i), kind="bench.bulk",
            target="cases.area:1", reason="批量", changes={"n": [i, i + 1]}, user_agent="bench",
        )  # fmt: skip
        event.hash = chain.compute_hash(event)
        prev_hash = event.hash
        batch.append(event)
        if len(batch) == 5000:
            CaseEvent.objects.bulk_create(batch)
            batch = []
    CaseEvent.objects.bulk_create(batch)
    AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev_hash)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--verify-events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    setup_test_environment()
    load_before = os.getloadavg()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from cases import chain

        appends, writes = [], []
        for _ in range(args.repeat):
            appends.append(append_events(args.events))
            writes.append(one_row_writes(args.events))
        bulk_chain(args.verify_events)
        total = args.events * args.repeat + args.verify_events
        verifies = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            report = chain.verify_all(jobs=1)
            verifies.append(time.perf_counter() - started)
            assert report.ok and report.checked == total, report
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    load_after = os.getloadavg()

    per_event, write, verify_seconds = min(appends), min(writes), min(verifies)
    results = {
        "database": connection.vendor,
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "append_ms_per_event": round(per_event * 1000, 3),
        "append_ms_per_event_runs": [round(x * 1000, 3) for x in appends],
        "append_target_ms": 1.0,
        "one_row_write_ms": round(write * 1000, 3),
        "one_row_write_ms_runs": [round(x * 1000, 3) for x in writes],
        "append_beyond_one_row_write_ms": round((per_event - write) * 1000, 3),
        "verify_events": total,
        "verify_jobs": 1,
        "verify_seconds": round(verify_seconds, 3),
        "verify_events_per_second": round(total / verify_seconds),
        "verify_events_per_second_runs": [round(total / x) for x in verifies],
        "verify_target_per_second": 50_000,
    }
    print(f"{'measure':<40}{'result':>14}{'target':>12}")
    print(f"{'append, ms per event':<40}{results['append_ms_per_event']:>14}{'< 1':>12}")
    print(f"{'  one-row write and commit, ms':<40}{results['one_row_write_ms']:>14}")
    print(f"{'  the event beyond that, ms':<40}{results['append_beyond_one_row_write_ms']:>14}")
    print(
        f"{'audit_verify --jobs 1, events per second':<40}"
        f"{results['verify_events_per_second']:>14}{'>= 50000':>12}"
    )
    print(f"runs: append {results['append_ms_per_event_runs']} ms, "
          f"verify {results['verify_events_per_second_runs']} events/s")  # fmt: skip
    print(
        f"load average before {results['load_average_before']}, after {results['load_average_after']}"
    )
    out = ROOT / "test-output" / "perf" / f"audit-{connection.vendor}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
