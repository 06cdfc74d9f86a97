import json

from django.core.management.base import BaseCommand
from django.db import transaction

from cases import chain
from cases.models import AuditCheckpoint, AuditHead, CaseEvent


class Command(BaseCommand):
    help = (
        "Print and save the head of the case-history chain (seq, event id, hash, time). "
        "Keep the output outside the database; audit_verify --checkpoint FILE checks it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="also write the checkpoint here")

    @transaction.atomic
    def handle(self, *args, output=None, **options):
        head = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0, hash=chain.GENESIS)
        event_id = CaseEvent.objects.filter(seq=head.seq).values_list("id", flat=True).first()
        saved = AuditCheckpoint.objects.create(
            seq=head.seq, event_id=event_id, hash=head.hash, taken_by="audit_checkpoint"
        )
        document = {
            "seq": saved.seq,
            "event_id": saved.event_id,
            "hash": saved.hash,
            "taken_at": saved.taken_at.isoformat(),
        }
        text = json.dumps(document, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        self.stdout.write(text)
