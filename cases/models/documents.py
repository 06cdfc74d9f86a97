"""Rendered documents kept as files: big PDFs made by background jobs, with their progress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Area
from .requests import AssistanceRequest


class RenderedDocument(models.Model):
    """One rendering job and, when it is done, its PDF file.

    Letters render on request and are not stored; the case dossier and the year-end report
    are rendered by a background task that reports its progress here.
    """

    class Kind(models.TextChoices):
        DOSSIER = "dossier", _("case dossier (案卷)")
        YEAR_REPORT = "year_report", _("year-end statistics report (年度统计报告)")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting (排队中)")
        RUNNING = "running", _("rendering (生成中)")
        DONE = "done", _("ready (已生成)")
        FAILED = "failed", _("failed (生成失败)")

    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    assistance_request = models.ForeignKey(
        AssistanceRequest,
        verbose_name=_("assistance request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rendered_documents",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=100, blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rendered document")
        verbose_name_plural = _("rendered documents")
        ordering = ["-id"]
        indexes = [models.Index(fields=["requested_by", "-id"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
