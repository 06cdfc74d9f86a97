import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from cases.models import Area


class Command(BaseCommand):
    help = (
        "Fill an empty, migrated database with province-scale load data: beneficiaries and "
        "requests of every kind in every stage (default 100,000 requests, about a million "
        "viewflow tasks), valid as the services make them, audit chain included."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=100_000)
        parser.add_argument(
            "--beneficiaries", type=int, default=None, help="default: 60%% of requests"
        )
        parser.add_argument("--counties", type=int, default=10)
        parser.add_argument("--towns", type=int, default=10, help="towns per county")
        parser.add_argument("--villages", type=int, default=10, help="villages per town")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--json", help="write a summary to this file")

    def handle(self, *args, **options):
        from cases.loadgen.generate import generate

        if Area.objects.exists():
            raise CommandError("The database already holds areas: use an empty, migrated one.")
        requests = options["requests"]
        with translation.override(settings.LANGUAGE_CODE):
            summary = generate(
                requests=requests,
                beneficiaries=options["beneficiaries"] or max(50, requests * 6 // 10),
                counties=options["counties"],
                towns_per_county=options["towns"],
                villages_per_town=options["villages"],
                seed=options["seed"],
                log=self.stdout.write,
            )
        if options["json"]:
            with open(options["json"], "w") as out:
                json.dump(summary, out, indent=2)
        self.stdout.write(self.style.SUCCESS(f"Load data generated in {summary['seconds']} s"))
        for label, count in summary["rows"].items():
            self.stdout.write(f"  {label:<32}{count:>10}")
