"""Benchmark: seconds per letter and per dossier page.

    .venv/bin/python tests/perf/bench_documents.py [--repeat 5] [--quick]

Builds the demo county in a throw-away SQLite database, one case of each kind through the
services, then renders every document `--repeat` times after one warm-up render (the first
render of a process loads fonts). Prints a table and writes test-output/perf/documents.json.
Targets: a letter within 0.3 s, a dossier within 0.25 s per page.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LETTER_TARGET = 0.3
DOSSIER_PAGE_TARGET = 0.25


def setup_django():
    sys.path.insert(0, str(ROOT))
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_cases():
    from cases.demo import registry
    from cases.documents.samples import build_sample_cases
    from cases.models import Beneficiary
    from cases.selectors import beneficiaries_visible_to

    users = registry.load(beneficiaries=40)
    from volunteers.models import Team

    candidates = beneficiaries_visible_to(users["caseworker"]).exclude(
        category=Beneficiary.Category.ELDERLY_ALONE
    )
    return build_sample_cases(
        case_worker=users["caseworker"],
        approver=users["approver"],
        leader=users["leader"],
        team=Team.objects.get(leader=users["teamleader"]),
        beneficiaries=list(candidates.order_by("id")[:4]),
    )


def measure(build, repeat):
    rendered = build()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        rendered = build()
        times.append(time.perf_counter() - started)
    return rendered, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one letter and one dossier only")
    parser.add_argument("--out", type=Path, default=ROOT / "test-output/perf/documents.json")
    args = parser.parse_args()
    setup_django()

    from cases.documents import catalog
    from cases.documents.dossier import render_dossier
    from cases.documents.year_report import render_year_report
    from cases.models import Area

    cases = build_cases()
    county = Area.objects.get(level=Area.Level.COUNTY)
    jobs = [
        ("letter", "court packet", lambda: catalog.render_letter("court-packet", cases.fee_waiver)),
        ("letter", "approval notice", lambda: catalog.render_letter("approval-notice", cases.one_on_one)),
        ("letter", "rejection notice", lambda: catalog.render_letter("rejection-notice", cases.rejected)),
        ("letter", "work order", lambda: catalog.render_letter("work-order", cases.farming_help)),
        ("letter", "pairing agreement", lambda: catalog.render_letter("pairing-agreement", cases.one_on_one)),
        ("dossier", "dossier (fee relief)", lambda: render_dossier(cases.fee_waiver)),
        ("dossier", "dossier (one-on-one)", lambda: render_dossier(cases.one_on_one)),
        ("report", "year-end report", lambda: render_year_report(county, cases.fee_waiver.submitted_at.year)),
    ]  # fmt: skip
    if args.quick:
        jobs = [job for job in jobs if job[1] in ("court packet", "dossier (fee relief)")]
    rows = []
    for group, name, build in jobs:
        rendered, times = measure(build, args.repeat)
        median = statistics.median(times)
        per_page = median / rendered.pages
        if group == "letter":
            target, measured = LETTER_TARGET, median
        elif group == "dossier":
            target, measured = DOSSIER_PAGE_TARGET, per_page
        else:
            target, measured = None, median
        rows.append(
            {
                "document": name,
                "kind": group,
                "pages": rendered.pages,
                "bytes": len(rendered.pdf),
                "median_s": round(median, 3),
                "min_s": round(min(times), 3),
                "max_s": round(max(times), 3),
                "per_page_s": round(per_page, 3),
                "target_s": target,
                "target_is": "per page" if group == "dossier" else "per document",
                "meets_target": None if target is None else measured <= target,
                "warnings": rendered.warnings,
            }
        )

    print(f"{'document':<24}{'pages':>6}{'median s':>10}{'min s':>8}{'s/page':>8}  target")
    for row in rows:
        target = "" if row["target_s"] is None else f"{row['target_s']} s {row['target_is']}"
        verdict = {True: "ok", False: "MISSED", None: ""}[row["meets_target"]]
        print(
            f"{row['document']:<24}{row['pages']:>6}{row['median_s']:>10.3f}{row['min_s']:>8.3f}"
            f"{row['per_page_s']:>8.3f}  {target} {verdict}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "repeat": args.repeat,
                "cpu_count": os.cpu_count(),
                "load_average": os.getloadavg(),
                "rows": rows,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print(f"written {args.out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
