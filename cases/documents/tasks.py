"""Background rendering of the big documents (django.tasks).

Tasks receive primary keys and are idempotent: a job already done is left alone, a failed or
interrupted one renders again. They are enqueued after the transaction that created the job
commits, so the worker never looks for a row that does not exist yet.
"""

import logging

from django.db import transaction
from django.tasks import task

from ..models import RenderedDocument
from . import storage
from .dossier import render_dossier
from .year_report import render_year_report

logger = logging.getLogger(__name__)
Kind = RenderedDocument.Kind


def filename_for(document):
    if document.kind == Kind.DOSSIER:
        ar = document.assistance_request
        return f"案卷-{ar.pk}-{ar.beneficiary.name}.pdf"
    return f"{document.area.name}{document.year}年度统计报告.pdf"


def _render(document, progress):
    if document.kind == Kind.DOSSIER:
        return render_dossier(document.assistance_request, progress)
    return render_year_report(document.area, document.year, progress)


@task()
def render_document(document_pk):
    """Render one RenderedDocument job; returns its status."""
    document = (
        RenderedDocument.objects.select_related("assistance_request__beneficiary", "area")
        .filter(pk=document_pk)
        .first()
    )
    if document is None or document.status == RenderedDocument.Status.DONE:
        return document.status if document else "missing"
    storage.report_progress(document.pk, 1, "开始生成")

    def progress(percent, step):
        storage.report_progress(document.pk, percent, step)

    try:
        rendered = _render(document, progress)
    except Exception as error:
        logger.exception("rendering %s failed", document)
        storage.fail(document, error)
        raise
    storage.store(document, rendered, filename_for(document))
    return document.status


def start(*, kind, by, assistance_request=None, area=None, year=None):
    """Create the job row and enqueue its rendering once the transaction commits."""
    with transaction.atomic():
        document = storage.create_job(
            kind=kind, by=by, assistance_request=assistance_request, area=area, year=year
        )
        transaction.on_commit(lambda: render_document.enqueue(document.pk))
    return document
