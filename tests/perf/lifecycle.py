"""Lifecycle worker: runs request lifecycles for a while and prints one JSON line.

Started by tests/perf/run.py (one or two at a time), never by pytest:

    python tests/perf/lifecycle.py --target project  --kind fee_waiver --mode services --seconds 10
    python tests/perf/lifecycle.py --target baseline --steps 9 --mode http --seconds 10
    python tests/perf/lifecycle.py --target baseline --graph --seconds 10   # fee relief's graph
    python tests/perf/lifecycle.py --target project --setup        # once per fresh database
    python tests/perf/lifecycle.py --target project --queries      # SQL per transition
    python tests/perf/lifecycle.py --target project --profile 20   # cProfile of 20 lifecycles

`project` drives the real flows: through the services (flows.runner, as the task pages do)
or through the HTTP API (one POST per step, Django's test client: the whole middleware and
view stack without a socket). `baseline` drives tests/perf/baseline's bare viewflow flow with
the same number of human steps: from code (lock, assign, start, execute) or through
viewflow's own views (assign and execute POSTs). `--graph` drives the fee-relief flow's graph
(its gateways and deadline timers) drawn in viewflow's stock nodes instead.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

KINDS = ["fee_waiver", "one_on_one", "farming_help"]
# API steps of the happy path (one sign-off; the amounts stay under the threshold).
API_STEPS = {
    "fee_waiver": ["verify", "sign-off", "dispatch", "accept", "deliver", "file-with-court",
                   "court-decision", "follow-up", "close"],
    "one_on_one": ["verify", "sign-off", "dispatch", "accept", "deliver", "follow-up", "close"],
    "farming_help": ["verify", "sign-off", "dispatch", "accept", "deliver", "follow-up", "close"],
}  # fmt: skip
HUMAN_STEPS = {kind: len(steps) for kind, steps in API_STEPS.items()}
WHO = {"sign-off": "approver", "accept": "team_leader", "deliver": "team_leader"}


def setup_django(target):
    settings = "tests.perf.baseline.settings" if target == "baseline" else "project.settings"
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()


# The project ------------------------------------------------------------------------------


def project_setup():
    from django.core.management import call_command
    from django.db import transaction

    from cases.loadgen import province
    from cases.models import Area

    call_command("migrate", verbosity=0)
    if not Area.objects.exists():
        with transaction.atomic():
            towns = province.build(counties=1, towns_per_county=2, villages_per_town=2)
            province.build_beneficiaries(towns, 200)


def project_people(worker):
    """The people of town `worker` (two workers: two towns, as two offices at once)."""
    from cases.loadgen.lifecycle import People
    from cases.models import User
    from volunteers.models import Team

    key = f"0_{worker % 2}"
    team_leader = User.objects.get(username=f"tl{key}")
    return People(
        case_worker=User.objects.get(username=f"cw{key}"),
        approver=User.objects.get(username="approver0"),
        leader=User.objects.get(username="leader0"),
        team_leader=team_leader,
        team=Team.objects.get(leader=team_leader),
    )


def project_beneficiaries(people):
    from cases.models import Beneficiary
    from cases.selectors import beneficiaries_visible_to

    # Categories the fee rules answer with the reduction the detail asks for.
    categories = ["service_family", "conscript_family", "retired_soldier", "military_spouse"]
    return list(
        beneficiaries_visible_to(people.case_worker).filter(category__in=categories)[:50]
    ) or list(Beneficiary.objects.all()[:1])


def project_services(kind, people, beneficiary):
    from cases.loadgen import lifecycle

    _ar, transitions = lifecycle.run(kind, beneficiary, people)
    return transitions


def _api_client(user):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _payloads(kind, beneficiary, team):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    intake = {
        "fee_waiver": {"court": "临溪县人民法院", "claim_type": "other", "fee_amount": "2000.00",
                       "relief_sought": "reduce", "reduction_percent": 50},
        "one_on_one": {"need": "缺少生产资金", "hardship_type": "living", "project": "养殖湖羊",
                       "help_funds": True, "funds_amount": "3000.00",
                       "term_start": today.isoformat(),
                       "term_end": (today + timedelta(days=365)).isoformat(),
                       "visit_interval_days": 30, "target_result": "年增收5000元"},
        "farming_help": {"season": "summer", "crops": "水稻", "area_mu": "3.5",
                         "tasks": "收割、插秧", "window_start": today.isoformat(),
                         "window_end": (today + timedelta(days=20)).isoformat(),
                         "person_days": "6.0", "mode": "labour"},
    }[kind]  # fmt: skip
    day = today.isoformat()
    steps = {
        "verify": {"visit_date": day, "findings": "入户核实属实", "verified": True,
                   "checklist": [{"item": "户口簿", "received": True}]},
        "sign-off": {"decision": "approve", "comment": "同意"},
        "dispatch": {"team": team.pk, "note": "请尽快"},
        "accept": {"accepted": True},
        "deliver": {"delivered_on": day, "hours": "4.0", "work_done": "完成"},
        "file-with-court": {"filed_on": day, "case_number": "(2026)浙0188民初1号"},
        "court-decision": {"decision": "granted", "relief_amount": "1000.00", "decided_on": day},
        "follow-up": {"done_on": day, "method": "phone", "findings": "满意", "satisfaction": 5},
        "close": {"result": "solved", "amount_delivered": "1000.00", "summary": "已办结"},
    }  # fmt: skip
    return {"beneficiary": beneficiary.pk, "summary": "基准", **intake}, steps


def project_http(kind, people, beneficiary, clients):
    from flows import runner

    intake, steps = _payloads(kind, beneficiary, people.team)
    response = clients["case_worker"].post(f"/api/v1/requests/{kind.replace('_', '-')}/", intake)
    assert response.status_code == 201, response.content[:500]
    request_id = response.json()["id"]
    for step in API_STEPS[kind]:
        task = runner.open_task(request_id)
        url = f"/api/v1/tasks/{task.pk}/complete/{step}/"
        response = clients[WHO.get(step, "case_worker")].post(url, steps[step])
        assert response.status_code == 200, (step, response.content[:500])
    return 1 + len(API_STEPS[kind])


def project_queries(kind, people, beneficiary):
    """SQL statements of each transition of one lifecycle through the services."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.loadgen import lifecycle

    counts = {}
    with CaptureQueriesContext(connection) as captured:
        ar = lifecycle.submit(kind, beneficiary, people)
    counts["submit"] = len(captured)
    for name, step in lifecycle.steps_of(kind):
        with CaptureQueriesContext(connection) as captured:
            step(ar, people)
        counts[name] = len(captured)
    return counts


# The baseline -----------------------------------------------------------------------------


def baseline_user():
    from django.contrib.auth.models import User

    return User.objects.get_or_create(username="baseline")[0]


def _baseline_step(task, user):
    from django.db import transaction
    from viewflow.workflow.models import Task

    flow_class = task.flow_task.flow_class
    with flow_class.lock(task.process_id), transaction.atomic():
        task = Task.objects.get(pk=task.pk)
        activation = task.flow_task.activation_class(task)
        if not task.flow_task.can_assign(user, task):
            raise PermissionError
        activation.assign(user)
        if not task.flow_task.can_execute(user, task):
            raise PermissionError
        activation.start(None)
        activation.execute()


def _open_task(process):
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    return (
        Task.objects.filter(process=process, flow_task_type="HUMAN", status=STATUS.NEW)
        .order_by("-id")
        .first()
    )


def baseline_services(flow_class, steps, user):
    process = flow_class.start.run()
    for _ in range(steps):
        _baseline_step(_open_task(process), user)
    return 1 + steps


def baseline_http(flow_class, steps, user, client):
    process = flow_class.start.run()
    for _ in range(steps):
        task = _open_task(process)
        args = [task.process_id, task.pk]
        response = client.post(task.flow_task.reverse("assign", args=args))
        assert response.status_code == 302, response.status_code
        response = client.post(task.flow_task.reverse("execute", args=args), {})
        assert response.status_code == 302, response.status_code
    return 1 + steps


def baseline_queries(flow_class, steps, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    with CaptureQueriesContext(connection) as captured:
        process = flow_class.start.run()
    counts["start"] = len(captured)
    for index in range(steps):
        task = _open_task(process)
        with CaptureQueriesContext(connection) as captured:
            _baseline_step(task, user)
        counts[f"step{index + 1}"] = len(captured)
    return counts


# Running ----------------------------------------------------------------------------------


def _urls_loaded():
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - flows learn their URL namespace here


def profile(one, count):
    """Run `count` lifecycles under cProfile; print the top functions by own and total time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(lambda: [one(i + 1) for i in range(count)])
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", choices=["project", "baseline"], required=True)
    parser.add_argument("--kind", choices=KINDS, default="fee_waiver")
    parser.add_argument("--steps", type=int, default=None, help="baseline: human steps")
    parser.add_argument("--graph", action="store_true",
                        help="baseline: the fee-relief graph in stock nodes (9 steps)")  # fmt: skip
    parser.add_argument("--mode", choices=["services", "http"], default="services")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--worker", type=int, default=0)
    parser.add_argument("--setup", action="store_true")
    parser.add_argument("--queries", action="store_true")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N lifecycles")
    args = parser.parse_args()
    setup_django(args.target)
    _urls_loaded()

    if args.setup:
        from django.core.management import call_command

        if args.target == "project":
            project_setup()
        else:
            call_command("migrate", verbosity=0)
        return

    from django.test import Client
    from django.utils import translation

    translation.activate("zh-hans")
    if args.target == "project":
        people = project_people(args.worker)
        beneficiaries = project_beneficiaries(people)
        if args.queries:
            print(json.dumps(project_queries(args.kind, people, beneficiaries[0])))
            return
        clients = {role: _api_client(getattr(people, role)) for role in
                   ("case_worker", "approver", "team_leader")}  # fmt: skip

        def one(i):
            b = beneficiaries[i % len(beneficiaries)]
            if args.mode == "services":
                return project_services(args.kind, people, b)
            return project_http(args.kind, people, b, clients)
    else:
        from tests.perf.baseline.flows import FLOWS, FeeReliefGraph

        if args.graph:  # the fee-relief graph, whatever --kind says
            flow_class, steps = FeeReliefGraph, HUMAN_STEPS["fee_waiver"]
        else:
            steps = args.steps or HUMAN_STEPS[args.kind]
            flow_class = FLOWS[steps]
        user = baseline_user()
        if args.queries:
            print(json.dumps(baseline_queries(flow_class, steps, user)))
            return
        client = Client()
        client.force_login(user)

        def one(_i):
            if args.mode == "services":
                return baseline_services(flow_class, steps, user)
            return baseline_http(flow_class, steps, user, client)

    one(0)  # warm-up: imports, caches, the first connection
    if args.profile:
        profile(one, args.profile)
        return
    lifecycles = transitions = 0
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        transitions += one(lifecycles + 1)
        lifecycles += 1
    elapsed = time.perf_counter() - started
    print(json.dumps({"lifecycles": lifecycles, "transitions": transitions, "seconds": elapsed}))


if __name__ == "__main__":
    main()
