"""HTML template + data in, PDF bytes out, with WeasyPrint.

Pure: no database access, no files written (storing a PDF is `storage.py`'s job). Every
warning WeasyPrint logs while rendering (a missing glyph, bad CSS, a refused URL) is caught
and returned with the PDF, so tests can insist on none and the logs show the rest.
"""

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib import request as urllib_request

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)
WEASYPRINT_LOGGER = logging.getLogger("weasyprint")
PROGRESS_LOGGER = logging.getLogger("weasyprint.progress")
# WeasyPrint's steps ("Step 5 - Creating layout - Page 3") as a share of the rendering.
STEP_SHARE = {"1": 2, "2": 4, "3": 8, "4": 15, "5": 20, "6": 85, "7": 98}


class DocumentRenderError(Exception):
    """The document could not be rendered cleanly (strict mode) or at all."""


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class _OfflineFetcher(URLFetcher):
    """Documents are self-contained (inline CSS and SVG): fetch nothing, from nowhere.

    Besides keeping a template from reaching the network, this skips the SSL context that
    WeasyPrint's default fetcher builds on every document (~25 ms).
    """

    def __init__(self):
        urllib_request.OpenerDirector.__init__(self)
        self._fail_on_errors = False  # a refused fetch is a warning (and fails strict mode)

    def fetch(self, url, headers=None):
        raise ValueError(f"documents fetch no external resources: {url[:80]}")


class _Collector(logging.Handler):
    """Collects WeasyPrint's warnings raised by this thread only."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.thread = threading.get_ident()
        self.messages = []

    def emit(self, record):
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


class _ProgressHandler(logging.Handler):
    """Turns WeasyPrint's step messages into `progress(percent, message)` calls."""

    def __init__(self, progress):
        super().__init__(level=logging.INFO)
        self.progress = progress
        self.thread = threading.get_ident()

    def emit(self, record):
        if record.thread != self.thread:
            return
        message = record.getMessage()
        step = message.removeprefix("Step ")[:1]
        if step in STEP_SHARE:
            self.progress(STEP_SHARE[step], message)


@contextmanager
def _collect_warnings(progress=None):
    collector = _Collector()
    WEASYPRINT_LOGGER.addHandler(collector)
    reporter, level = None, PROGRESS_LOGGER.level
    if progress is not None:
        reporter = _ProgressHandler(progress)
        PROGRESS_LOGGER.addHandler(reporter)
        PROGRESS_LOGGER.setLevel(logging.INFO)
    try:
        yield collector.messages
    finally:
        WEASYPRINT_LOGGER.removeHandler(collector)
        if reporter is not None:
            PROGRESS_LOGGER.removeHandler(reporter)
            PROGRESS_LOGGER.setLevel(level)


def html_for(template_name, context):
    """The HTML of a document; always in Chinese, whatever the user's language."""
    with translation.override("zh-hans"):
        return render_to_string(template_name, context)


def render(template_name, context, *, strict=False, progress=None) -> Rendered:
    """Render `template_name` with `context` to PDF; `strict` raises on any warning.

    `progress(percent, message)`, when given, is called as WeasyPrint moves through its steps.
    """
    html = html_for(template_name, context)
    with _collect_warnings(progress) as warnings:
        try:
            document = weasyprint.HTML(string=html, url_fetcher=_OfflineFetcher()).render()
            pdf = document.write_pdf()
        except Exception as error:
            raise DocumentRenderError(f"{template_name}: {error}") from error
    for message in warnings:
        logger.warning("%s: %s", template_name, message)
    if strict and warnings:
        raise DocumentRenderError(f"{template_name}: {'; '.join(warnings)}")
    return Rendered(pdf=pdf, pages=len(document.pages), warnings=list(warnings))


def render_pdf(template_name, context, *, strict=False) -> bytes:
    """Data in, PDF bytes out."""
    return render(template_name, context, strict=strict).pdf
