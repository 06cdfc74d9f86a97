"""Write one PDF of every document type from the demo data, for review.

The sample cases are built through the services inside a transaction that is rolled back at
the end, so the demo database is left as it was.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cases.demo import registry
from cases.documents import catalog
from cases.documents.samples import build_sample_cases
from cases.models import Area, Beneficiary, User
from cases.selectors import beneficiaries_visible_to
from volunteers.models import Team


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Render one PDF of each document type from the demo data into OUTDIR."

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path)

    def handle(self, *args, outdir, **options):
        if not Area.objects.filter(code=registry.COUNTY[0]).exists():
            raise CommandError("Load the demo data first: manage.py load_demo")
        outdir.mkdir(parents=True, exist_ok=True)
        try:
            with transaction.atomic():
                self.render_all(outdir)
                raise _Rollback
        except _Rollback:
            pass

    def render_all(self, outdir):
        users = {
            u.username: u
            for u in User.objects.filter(username__in=["caseworker", "approver", "leader"])
        }
        team = Team.objects.filter(leader__username="teamleader").first()
        candidates = beneficiaries_visible_to(users["caseworker"]).exclude(
            category=Beneficiary.Category.ELDERLY_ALONE
        )
        cases = build_sample_cases(
            case_worker=users["caseworker"],
            approver=users["approver"],
            leader=users["leader"],
            team=team,
            beneficiaries=list(candidates.order_by("id")[:4]),
        )
        county = Area.objects.get(code=registry.COUNTY[0])
        jobs = catalog.sample_jobs(cases, area=county, year=timezone.localdate().year)
        for filename, build in jobs:
            started = time.perf_counter()
            rendered = build()
            (outdir / filename).write_bytes(rendered.pdf)
            self.stdout.write(
                f"{filename:<32} {rendered.pages:>3} pages  {time.perf_counter() - started:6.2f} s"
                + (f"  WARNINGS: {rendered.warnings}" if rendered.warnings else "")
            )
