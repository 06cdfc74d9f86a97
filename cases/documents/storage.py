"""Saving rendered PDFs as `RenderedDocument` rows, and the job rows' progress.

Rendering (`render.py`) never touches the database or the disk; this module does both.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..models import RenderedDocument

Status = RenderedDocument.Status


def create_job(*, kind, by, assistance_request=None, area=None, year=None):
    """A pending job row; the caller enqueues the task after commit (see tasks.start)."""
    return RenderedDocument.objects.create(
        kind=kind,
        requested_by=by,
        assistance_request=assistance_request,
        area=area,
        year=year,
    )


def report_progress(document_pk, percent, step=""):
    """Written outside any transaction the job may hold, so the progress page sees it now."""
    RenderedDocument.objects.filter(pk=document_pk).exclude(
        status__in=[Status.DONE, Status.FAILED]
    ).update(status=Status.RUNNING, progress=max(0, min(99, percent)), step=step[:100])


def store(document, rendered, filename):
    """Attach the PDF to its row and mark the job done."""
    with transaction.atomic():
        if document.file:
            document.file.delete(save=False)
        document.file.save(filename, ContentFile(rendered.pdf), save=False)
        document.pages = rendered.pages
        document.size = len(rendered.pdf)
        document.sha256 = hashlib.sha256(rendered.pdf).hexdigest()
        document.status, document.progress, document.step = Status.DONE, 100, ""
        document.error = ""
        document.finished_at = timezone.now()
        document.save()
    return document


def fail(document, error):
    document.status, document.error = Status.FAILED, str(error)[:2000]
    document.finished_at = timezone.now()
    document.save(update_fields=["status", "error", "finished_at"])
    return document
