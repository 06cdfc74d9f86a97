import json
import os

from django.core.management.base import BaseCommand, CommandError

from cases import chain


class Command(BaseCommand):
    help = (
        "Walk the case-history hash chain and report the first broken link. "
        "Exits non-zero when anything is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint",
            metavar="FILE",
            help="a file written by audit_checkpoint: the chain must still pass through it",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="hash the chain in this many processes (default: the cores, at most 4)",
        )

    def handle(self, *args, checkpoint=None, jobs=1, **options):
        saved = None
        if checkpoint:
            try:
                with open(checkpoint, encoding="utf-8") as handle:
                    saved = json.load(handle)
                saved = {"seq": int(saved["seq"]), "hash": str(saved["hash"])}
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise CommandError(f"cannot read checkpoint {checkpoint}: {error}") from error
        report = chain.verify_all(checkpoint=saved, jobs=max(1, jobs))
        if not report.ok:
            raise CommandError(f"audit chain {report}")
        self.stdout.write(self.style.SUCCESS(f"audit chain {report}"))
