"""服务记录: what was done on one day, by whom, for how long, with photos and the household's word."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .assignments import Assignment
from .teams import Volunteer

USER = settings.AUTH_USER_MODEL
HOURS = {
    "max_digits": 5,
    "decimal_places": 1,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
}


class ActivityRecord(models.Model):
    """One day's work on an assignment. `hours` is the sum of the participants' hours, or the
    team's total when the work was recorded without names (at the delivery step)."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="activity_records"
    )
    # Denormalised from the assignment: per-request, per-team and per-season totals are
    # one GROUP BY without joins, and the team stays the one that did the work after a
    # pairing is handed over to another team.
    assistance_request = models.ForeignKey(
        "cases.AssistanceRequest", on_delete=models.CASCADE, related_name="activity_records"
    )
    team = models.ForeignKey("volunteers.Team", on_delete=models.PROTECT, related_name="+")
    pairing = models.ForeignKey(
        "volunteers.Pairing",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"))
    season = models.CharField(_("season"), max_length=10, blank=True)
    work_done = models.TextField(_("work done"))
    notes = models.TextField(_("notes"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1, default=0)
    participants = models.ManyToManyField(
        Volunteer, through="ActivityParticipant", related_name="activity_records"
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The household's confirmation (户主确认): who confirmed, and when.
    confirmed_by_name = models.CharField(_("confirmed by (household)"), max_length=50, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("activity record")
        verbose_name_plural = _("activity records")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["team", "date"]),
            models.Index(fields=["assistance_request", "date"]),
        ]

    def __str__(self):
        return f"{self.date} · {self.work_done[:30]}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class ActivityParticipant(models.Model):
    record = models.ForeignKey(ActivityRecord, on_delete=models.CASCADE)
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT)
    hours = models.DecimalField(_("hours"), **HOURS)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["record", "volunteer"], name="one_participant_row")
        ]

    def __str__(self):
        return f"{self.volunteer} {self.hours} h"


class TaskProgress(models.Model):
    """Farming: mu done on one task (收割, 插秧, ...) in one record."""

    record = models.ForeignKey(ActivityRecord, on_delete=models.CASCADE, related_name="progress")
    task = models.CharField(_("task"), max_length=30)
    mu = models.DecimalField(
        _("mu done"), max_digits=7, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")
        ordering = ["id"]

    def __str__(self):
        return f"{self.task} {self.mu} 亩"


def evidence_upload_to(instance, filename):
    """A random name under evidence/YYYY/MM/: the uploader's file name never reaches the disk."""
    today = timezone.localdate()
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[instance.image_format]
    return f"evidence/{today:%Y/%m}/{secrets.token_hex(16)}.{extension}"


class Evidence(models.Model):
    """A photo of the work. Checked with Pillow before it is stored (see volunteers.evidence)."""

    record = models.ForeignKey(ActivityRecord, on_delete=models.CASCADE, related_name="evidence")
    image = models.ImageField(_("photo"), upload_to=evidence_upload_to, max_length=200)
    image_format = models.CharField(max_length=10)
    original_name = models.CharField(_("original file name"), max_length=120, blank=True)
    size = models.PositiveIntegerField(_("bytes"))
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # Kept from the photo's EXIF when present: where and when it was taken.
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    taken_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo evidence")
        verbose_name_plural = _("photo evidence")
        ordering = ["id"]

    def __str__(self):
        return self.original_name or self.image.name

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None
