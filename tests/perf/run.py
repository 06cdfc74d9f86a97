"""All benchmarks in one command: lifecycles against the bare viewflow baseline, pages under
load, audit verification and PDFs. Prints tables and writes test-output/perf/results-*.json.

    .venv/bin/python tests/perf/run.py --quick        # small data, short runs (~2 minutes idle)
    .venv/bin/python tests/perf/run.py                # 100,000 requests (generated once)

Needs PostgreSQL (PERF_PG, default postgres://postgres@127.0.0.1:5432) and `wrk`
(apt-get install wrk). Creates its own databases: perf_life (project lifecycles),
perf_baseline (the bare flow), perf_quick or perf (generated load data, kept between runs;
--regenerate starts it again). Budgets: docs/performance.md.
"""

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
HERE = Path(__file__).resolve().parent
OUT = ROOT / "test-output" / "perf"
KINDS = ["fee_waiver", "one_on_one", "farming_help"]
HUMAN_STEPS = {"fee_waiver": 9, "one_on_one": 7, "farming_help": 7}
BUDGET = {
    "page_p95_c2_ms": 50, "page_p95_c16_ms": 150, "page_rps_c16": 300, "page_queries": 10,
    "transition_queries": 30, "lifecycle_ratio": 0.8, "verify_per_second": 50_000,
}  # fmt: skip


def load():
    return round(os.getloadavg()[0], 2)


def pg_url(base, name):
    return f"{base.rstrip('/')}/{name}"


def ensure_database(base, name, *, fresh=False):
    """Create the database if needed; returns True when it was created."""
    import psycopg

    with psycopg.connect(pg_url(base, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
        # The data fits in memory: random reads cost about what sequential ones do (the
        # setting recommended for production too, docs/performance.md).
        conn.execute(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1')
        return not exists


def run(args, env, *, timeout=None, check=True):
    result = subprocess.run(
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def run_side_by_side(commands):
    """Run (args, env) commands at once and return their outputs: for the steps that are
    not timed (set-up, statement counts), so the quick run stays short."""
    started = [
        subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for args, env in commands
    ]  # fmt: skip
    outputs = []
    for (args, _env), proc in zip(commands, started, strict=True):
        out, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{err[-3000:]}")
        outputs.append(out)
    return outputs


def env_for(database_url, **extra):
    env = dict(os.environ, DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(extra)
    return env


# Lifecycles ---------------------------------------------------------------------------------


def workers(target, kind, mode, procs, seconds, env, *, graph=False):
    cmd = [PY, str(HERE / "lifecycle.py"), "--target", target, "--mode", mode,
           "--seconds", str(seconds), "--kind", kind]  # fmt: skip
    if target == "baseline":
        cmd += ["--graph"] if graph else ["--steps", str(HUMAN_STEPS[kind])]
    total = {"lifecycles": 0, "transitions": 0, "seconds": 0.0}
    for out in run_side_by_side([([*cmd, "--worker", str(i)], env) for i in range(procs)]):
        one = json.loads(out.strip().splitlines()[-1])
        total["lifecycles"] += one["lifecycles"]
        total["transitions"] += one["transitions"]
        total["seconds"] = max(total["seconds"], one["seconds"])
    return {
        "lifecycles_per_s": round(total["lifecycles"] / total["seconds"], 2),
        "transitions_per_s": round(total["transitions"] / total["seconds"], 1),
        "lifecycles": total["lifecycles"],
    }


def prepare(base, sections, pages_database, regenerate):
    """Create the databases and bring them to the current schema, side by side (nothing here
    is timed). Returns True when the pages database is new and needs its data."""
    commands, created = [], False
    # The bare baseline: the lifecycles' reference and the pages' floor.
    databases = [("perf_life", "project")] if "lifecycle" in sections else []
    if "lifecycle" in sections or "pages" in sections:
        databases.append(("perf_baseline", "baseline"))
    for name, target in databases:
        ensure_database(base, name)
        commands.append(([PY, str(HERE / "lifecycle.py"), "--target", target, "--setup"],
                         env_for(pg_url(base, name))))  # fmt: skip
    if "pages" in sections:
        created = ensure_database(base, pages_database, fresh=regenerate)
        # Also for a kept database: new indexes reach it.
        commands.append(
            ([PY, "manage.py", "migrate", "-v0"], env_for(pg_url(base, pages_database)))
        )
    run_side_by_side(commands)
    if "lifecycle" in sections:
        for name in ("perf_life", "perf_baseline"):
            analyze(base, name)
    return created


def analyze(base, name):
    """Planner statistics for both lifecycle databases, as autovacuum keeps them on a live
    server. Where autovacuum is off (as on some test machines) the planner would otherwise
    guess on tables it never measured (measured once here: a project transition took 30 ms
    without statistics, 23 ms with them)."""
    import psycopg

    with psycopg.connect(pg_url(base, name), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def lifecycle_section(base, quick, seconds):
    project_env = env_for(pg_url(base, "perf_life"))
    baseline_env = env_for(pg_url(base, "perf_baseline"))
    life = [PY, str(HERE / "lifecycle.py")]
    steps = sorted(set(HUMAN_STEPS.values()))
    outputs = run_side_by_side(
        [([*life, "--target", "project", "--queries", "--kind", kind], project_env)
         for kind in KINDS]
        + [([*life, "--target", "baseline", "--queries", "--steps", str(n)], baseline_env)
           for n in steps]
        + [([*life, "--target", "baseline", "--queries", "--graph"], baseline_env)]
    )  # fmt: skip
    counts = [json.loads(out.strip().splitlines()[-1]) for out in outputs]
    queries = {"project": dict(zip(KINDS, counts[: len(KINDS)], strict=True)),
               "baseline": dict(zip(steps, counts[len(KINDS) : -1], strict=True)),
               "baseline_fee_relief_graph": counts[-1]}  # fmt: skip

    configs = [(k, "services", 1) for k in KINDS]
    if quick:
        configs += [("fee_waiver", "http", 1), ("fee_waiver", "services", 2)]
    else:
        configs += [(k, "http", 1) for k in KINDS]
        configs += [(k, mode, 2) for k in KINDS for mode in ("services", "http")]
    rows = []
    for kind, mode, procs in configs:
        # Interleaved, baseline first, so both see the same machine at nearly the same time.
        base_result = workers("baseline", kind, mode, procs, seconds, baseline_env)
        project_result = workers("project", kind, mode, procs, seconds, project_env)
        ratio = project_result["lifecycles_per_s"] / max(base_result["lifecycles_per_s"], 1e-9)
        row = {"kind": kind, "mode": mode, "processes": procs, "project": project_result,
               "baseline": base_result, "ratio": round(ratio, 2)}  # fmt: skip
        graph = ""
        if kind == "fee_waiver" and (not quick or (mode, procs) == ("services", 1)):
            # What the flow's graph alone (gateways, deadline timers) costs bare viewflow.
            row["baseline_graph"] = workers("baseline", kind, mode, procs, seconds,
                                            baseline_env, graph=True)  # fmt: skip
            row["graph_ratio"] = round(row["baseline_graph"]["lifecycles_per_s"]
                                       / max(base_result["lifecycles_per_s"], 1e-9), 2)  # fmt: skip
            graph = (
                f" | stock graph {row['baseline_graph']['lifecycles_per_s']} lc/s, "
                f"{row['graph_ratio']:.2f} of bare"
            )
        row["load"] = load()
        rows.append(row)
        print(f"  {kind:<13}{mode:<9}{procs:>2}p  project {project_result['lifecycles_per_s']:>7}"
              f" lc/s {project_result['transitions_per_s']:>7} tr/s | baseline "
              f"{base_result['lifecycles_per_s']:>7} lc/s  ratio {ratio:.2f}{graph}"
              f"  (load {load()})", flush=True)  # fmt: skip
    return {"throughput": rows, "queries_per_transition": queries}


# Pages --------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(server, port, seconds=180):
    """Until the login page answers (gunicorn imports Django in each worker: slow when busy)."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = (OUT / "gunicorn.log").read_text()[-3000:]
            raise RuntimeError(f"gunicorn exited:\n{log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=10):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time")


def check_target(port, target):
    """Each target must answer 200 as its user (a redirect to the login page would be
    measured as a fast page otherwise)."""
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    name, value = target["header"].split(": ", 1)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{target['url']}", headers={name: value}
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise RuntimeError(f"{target['name']}: {target['url']} answered {status}, not 200")


def pages_section(base, database, requests, created, duration, quick):
    url = pg_url(base, database)
    env = env_for(url)
    generated = None
    if created:
        args = [PY, "manage.py", "generate_load_data", "--requests", str(requests),
                "--json", str(OUT / f"generate-{database}.json")]  # fmt: skip
        if quick:
            args += ["--counties", "2", "--towns", "3", "--villages", "3"]
        started = time.perf_counter()
        print(f"  generating {requests} requests into {database} ...", flush=True)
        run(args, env)
        generated = round(time.perf_counter() - started, 1)
    summary_file = OUT / f"generate-{database}.json"
    summary = json.loads(summary_file.read_text()) if summary_file.exists() else {}

    serve_env = env_for(url, DEBUG="0", SECRET_KEY="perf-" + "x" * 40, ALLOWED_HOSTS="127.0.0.1,testserver",
                        SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", SECURE_HSTS_SECONDS="0",
                        CONN_MAX_AGE="600", LOG_LEVEL="WARNING",
                        DJANGO_SETTINGS_MODULE="tests.perf.serve_settings")  # fmt: skip
    # Pages render {% static %} names from the manifest: collect before any page.
    if not (OUT / "static" / "staticfiles.json").exists():
        run([PY, "manage.py", "collectstatic", "--noinput", "-v0", "-i", "node_modules"],
            serve_env)  # fmt: skip
    targets, verify = (
        json.loads(out.strip().splitlines()[-1])
        for out in run_side_by_side([([PY, str(HERE / "page_targets.py"), "--queries"], serve_env),
                                     ([PY, str(HERE / "page_targets.py"), "--verify"], serve_env)])
    )  # fmt: skip
    verify["load"] = load()
    print(
        f"  audit_verify: {verify['events']} events in {verify['seconds']} s = "
        f"{verify['events_per_second']}/s (load {verify['load']})",
        flush=True,
    )

    rows = serve_and_measure(targets, serve_env, "project.wsgi", duration)
    # The floor: viewflow's own inbox and queue, no project code (the bare baseline's site).
    floor_env = env_for(pg_url(base, "perf_baseline"),
                        DJANGO_SETTINGS_MODULE="tests.perf.baseline.settings")  # fmt: skip
    args = [PY, str(HERE / "page_targets.py"), "--baseline", *(["--quick"] if quick else [])]
    floor_targets = json.loads(run(args, floor_env).strip().splitlines()[-1])
    if quick:  # the inbox is the floor; viewflow's queue page is slower for its own reasons
        floor_targets = floor_targets[:1]
    floor = serve_and_measure(floor_targets, floor_env, "tests.perf.baseline.wsgi", duration)
    return {"database": database, "generated_seconds": generated, "data": summary,
            "pages": rows, "viewflow_floor": floor, "audit_verify": verify}  # fmt: skip


def serve_and_measure(targets, env, wsgi, duration):
    """Serve `wsgi` with gunicorn (2 workers) and load each target with wrk at 2 and 16."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), wsgi, "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "--error-logfile", str(OUT / "gunicorn.log")],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_server(server, port)
        # Two at a time, so that both workers have compiled every page's templates and
        # imported what it needs before anything is timed (the first request takes ~1.5 s).
        with ThreadPoolExecutor(2) as pool:
            for target in targets:
                list(pool.map(check_target, [port] * 4, [target] * 4))
        rows = []
        for target in targets:
            row = {"name": target["name"], "url": target["url"], "kind": target["kind"],
                   "queries": target.get("queries")}  # fmt: skip
            for concurrency in (2, 16):
                wrk = ["wrk", f"-t{min(concurrency, 2)}", f"-c{concurrency}", f"-d{duration}s",
                       "--timeout", "10s", "-s", str(HERE / "pages.lua"), "-H", target["header"],
                       f"http://127.0.0.1:{port}{target['url']}"]  # fmt: skip
                result = json.loads(run(wrk, env).strip().splitlines()[-1])
                result["load"] = load()
                row[f"c{concurrency}"] = result
            rows.append(row)
            c2, c16 = row["c2"], row["c16"]
            print(f"  {row['name']:<32}{row['queries']!s:>4}q  c2 p50 {c2['p50']:>7} p95 "
                  f"{c2['p95']:>7} p99 {c2['p99']:>7} {c2['rps']:>6}/s | c16 p95 {c16['p95']:>7}"
                  f" {c16['rps']:>6}/s  err {c2['non_2xx'] + c16['non_2xx']} (load {load()})",
                  flush=True)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def pdf_section(quick):
    env = env_for("")
    env.pop("DATABASE_URL")
    args = [PY, str(HERE / "bench_documents.py"), "--repeat", "1" if quick else "5"]
    run(args + (["--quick"] if quick else []), env, timeout=900)
    return json.loads((OUT / "documents.json").read_text())


def machine():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
        "system": platform.platform(), "memory_gb": round(
            os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }  # fmt: skip


# Budgets ------------------------------------------------------------------------------------


def budget_rows(results):
    """(budget, target, worst measured, met) for every budget the run measured."""
    rows = []
    lifecycle, pages = results.get("lifecycle"), results.get("pages")
    if lifecycle:
        counts = [n for steps in lifecycle["queries_per_transition"]["project"].values()
                  for n in steps.values()]  # fmt: skip
        worst = max(counts)
        rows.append(("statements per transition", f"<= {BUDGET['transition_queries']}", worst,
                     worst <= BUDGET["transition_queries"]))  # fmt: skip
        ratio = min(row["ratio"] for row in lifecycle["throughput"])
        rows.append(("lifecycle throughput / bare viewflow", f">= {BUDGET['lifecycle_ratio']}",
                     ratio, ratio >= BUDGET["lifecycle_ratio"]))  # fmt: skip
    if pages:
        lists = [row for row in pages["pages"] if row["kind"] == "page"]
        checks = [
            ("list page queries", "queries", max, f"<= {BUDGET['page_queries']}",
             lambda v: v <= BUDGET["page_queries"]),
            ("list page p95 at c2, ms", ("c2", "p95"), max, f"<= {BUDGET['page_p95_c2_ms']}",
             lambda v: v <= BUDGET["page_p95_c2_ms"]),
            ("list page p95 at c16, ms", ("c16", "p95"), max, f"<= {BUDGET['page_p95_c16_ms']}",
             lambda v: v <= BUDGET["page_p95_c16_ms"]),
            ("list page requests/s at c16", ("c16", "rps"), min, f">= {BUDGET['page_rps_c16']}",
             lambda v: v >= BUDGET["page_rps_c16"]),
        ]  # fmt: skip
        for name, key, pick, target, ok in checks:
            values = [row[key] if isinstance(key, str) else row[key[0]][key[1]] for row in lists]
            worst = pick(values)
            rows.append((name, target, worst, ok(worst)))
        per_second = pages["audit_verify"]["events_per_second"]
        rows.append(("audit verification, events/s", f">= {BUDGET['verify_per_second']}",
                     per_second, per_second >= BUDGET["verify_per_second"]))  # fmt: skip
    return rows


def print_budgets(rows):
    print("Budgets (worst case of the run)")
    for name, target, worst, met in rows:
        print(f"  {name:<40}{target:>10}{worst!s:>12}  {'met' if met else 'MISSED'}")


def reference_rows(results):
    """What viewflow alone does on this machine, measured in the same run (no budget)."""
    rows = []
    if results.get("lifecycle"):
        ratios = [
            r["graph_ratio"] for r in results["lifecycle"]["throughput"] if "graph_ratio" in r
        ]
        rows.append(("fee-relief graph in stock viewflow / bare flow", min(ratios)))
    for row in (results.get("pages") or {}).get("viewflow_floor", []):
        rows.append((f"{row['name']}: p95 at c2, ms", row["c2"]["p95"]))
        rows.append((f"{row['name']}: requests/s at c16", row["c16"]["rps"]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data, short runs")
    parser.add_argument(
        "--pg", default=os.environ.get("PERF_PG", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--only", choices=["lifecycle", "pages", "pdf"], action="append")
    parser.add_argument("--seconds", type=float, help="per lifecycle run (default 1 / 20)")
    parser.add_argument("--page-seconds", type=int, help="per page and concurrency (1 / 15)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    OUT.mkdir(parents=True, exist_ok=True)
    quick = args.quick
    sections = args.only or ["lifecycle", "pages", "pdf"]
    results = {"mode": "quick" if quick else "full", "machine": machine(),
               "started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "load_start": os.getloadavg(),
               "budgets": BUDGET}  # fmt: skip
    started = time.perf_counter()
    database = "perf_quick" if quick else "perf"
    created = prepare(args.pg, sections, database, args.regenerate)
    if "lifecycle" in sections:
        print(f"Lifecycles (load {load()})", flush=True)
        seconds = args.seconds or (1 if quick else 20)
        results["lifecycle"] = lifecycle_section(args.pg, quick, seconds)
        print(f"  ({time.perf_counter() - started:.0f} s so far)", flush=True)
    if "pages" in sections:
        print(f"Pages under load (load {load()})", flush=True)
        requests = args.requests or (1500 if quick else 100_000)
        results["pages"] = pages_section(args.pg, database, requests, created,
                                         args.page_seconds or (1 if quick else 15), quick)  # fmt: skip
        print(f"  ({time.perf_counter() - started:.0f} s so far)", flush=True)
    if "pdf" in sections:
        print(f"Documents (load {load()})", flush=True)
        results["documents"] = pdf_section(quick)
        print(json.dumps(results["documents"], ensure_ascii=False)[:600])
    rows = budget_rows(results)
    results["budgets_checked"] = [
        {"budget": name, "target": target, "worst": worst, "met": met}
        for name, target, worst, met in rows
    ]
    print_budgets(rows)
    references = reference_rows(results)
    results["references"] = [{"what": what, "value": value} for what, value in references]
    print("Viewflow alone on this machine (same run; no project code)")
    for what, value in references:
        print(f"  {what:<52}{value!s:>10}")
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["load_end"] = os.getloadavg()
    suffix = "" if args.only is None else "-" + "-".join(sections)
    out = OUT / f"results-{results['mode']}{suffix}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"done in {results['seconds']} s; written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
