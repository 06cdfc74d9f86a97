"""Province-scale load data: requests of every kind in every stage, made fast but valid.

1. The registry is built (counties, towns, villages, staff, teams) and beneficiaries are
   bulk-inserted with real, encrypted ID numbers.
2. In the first town, one request per (kind, stage, size) is driven through the real flows
   and services: these are the templates (and stay in the data as ordinary cases).
3. Each further request is a copy of a template (see clone.py) into a random town, for a
   random beneficiary of that town, moved back in time: finished cases anywhere in the past
   year, open ones by up to three days (so some are overdue, as in real life). Copies are
   written oldest first with COPY, and their case events extend the hash chain.
"""

import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction

from cases import eligibility
from cases.models import AuditHead, Beneficiary, ClaimType, Kind

from . import clone, lifecycle, province

KIND_WEIGHTS = {Kind.FARMING_HELP: 40, Kind.ONE_ON_ONE: 35, Kind.FEE_WAIVER: 25}


@dataclass(frozen=True)
class Stage:
    stop: str | None  # the step it waits at (None: closed)
    ending: str = ""
    large: bool = False
    weight: float = 1.0

    @property
    def finished(self):
        return self.stop is None or self.ending in {"reject", "withdraw", "cancel"}


def stages(kind):
    """Where requests of `kind` are, with their shares (percent)."""
    names = [name for name, _step in lifecycle.steps_of(kind)]
    open_share = 26.0 / len(names)
    found = [
        Stage(None, weight=48),
        Stage(None, large=True, weight=12),
        Stage("sign_off_first", "reject", weight=5),
        Stage("verify", "withdraw", weight=2),
        Stage("dispatch", "cancel", weight=2),
        Stage("sign_off_first", "return", weight=2),
        Stage("accept", "decline", weight=1),
        Stage("sign_off_second", large=True, weight=2),
    ]
    found += [Stage(name, weight=open_share) for name in names]
    # Farming help sent as labour costs the office nothing: never a second-level sign-off.
    return [s for s in found if not (s.large and kind == Kind.FARMING_HELP)]


def _suggestion(category):
    s = eligibility.suggest_fee_relief(
        category=category, claim_type=ClaimType.OTHER, receives_legal_aid=False,
        minimum_allowance=False, no_fixed_income=False,
    )  # fmt: skip
    return (s.relief or "", s.ground)


def record_templates(town, log):
    """One real request per kind and stage, in the first town."""
    templates = []
    for kind in KIND_WEIGHTS:
        for stage in stages(kind):
            beneficiary = Beneficiary.objects.filter(
                pk__in=[
                    pk for pk, category, _v in town.beneficiaries if category != "elderly_alone"
                ]
            ).order_by("?")[0]
            before = clone.max_pks()
            ar, _n = lifecycle.run(
                kind, beneficiary, town.people,
                large=stage.large, stop=stage.stop, ending=stage.ending,
            )  # fmt: skip
            template = clone.Template(
                before, clone.max_pks(), assistance_request=ar, town=town, finished=stage.finished
            )
            templates.append((kind, stage, template))
    log(f"  {len(templates)} templates recorded through the services")
    return templates


def generate(*, requests, beneficiaries, counties, towns_per_county, villages_per_town,
             seed=2026, log=print):  # fmt: skip
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        towns = province.build(
            counties=counties, towns_per_county=towns_per_county,
            villages_per_town=villages_per_town, seed=seed,
        )  # fmt: skip
        province.build_beneficiaries(towns, beneficiaries, seed=seed)
    log(f"  registry: {len(towns)} towns, {beneficiaries} beneficiaries "
        f"({time.perf_counter() - started:.1f} s)")  # fmt: skip

    templates = record_templates(towns[0], log)
    log(f"  templates done ({time.perf_counter() - started:.1f} s)")

    # What each copy will be, oldest first so the chain runs roughly in time order.
    weights = [KIND_WEIGHTS[kind] * stage.weight for kind, stage, _t in templates]
    suggestions = {c: _suggestion(c) for c in province.CATEGORY_WEIGHTS}
    plans = []
    for _ in range(max(0, requests - len(templates))):
        kind, stage, template = rng.choices(templates, weights)[0]
        town = rng.choice(towns)
        while True:
            beneficiary_id, category, village_id = rng.choice(town.beneficiaries)
            if kind != Kind.FEE_WAIVER or suggestions[category] == template.suggestion:
                break
        days = rng.randint(1, 365) if template.finished else rng.randint(0, 3)
        plans.append((-days, rng.random(), template, town, beneficiary_id, village_id))
    plans.sort(key=lambda plan: (plan[0], plan[1]))

    writer = clone.Writer()
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get(pk=1)
        copier = clone.Copier(writer, (head.seq, head.hash))
        for index, (days, _r, template, town, beneficiary_id, village_id) in enumerate(plans, 1):
            copier.copy(template, town, beneficiary_id, village_id, timedelta(days=days))
            if index % 2000 == 0:
                writer.flush()
                if index % 20000 == 0:
                    log(f"  {index} copies ({time.perf_counter() - started:.1f} s)")
        writer.flush()
        writer.reset_sequences()
        AuditHead.objects.filter(pk=1).update(seq=copier.seq, hash=copier.prev_hash)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # What autovacuum would do soon after a bulk load: statistics for the planner and
        # the visibility map, without which an index-only count still reads every row.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    log(f"  copies written ({time.perf_counter() - started:.1f} s)")
    return {
        "requests": requests,
        "beneficiaries": beneficiaries,
        "towns": len(towns),
        "templates": len(templates),
        "rows": dict(sorted(writer.written.items())),
        "seconds": round(time.perf_counter() - started, 1),
    }
