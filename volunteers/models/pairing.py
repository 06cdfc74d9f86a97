"""一助一结对: a helper paired with a household, visits on an interval, handovers kept."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .assignments import Assignment
from .teams import Team, Volunteer

USER = settings.AUTH_USER_MODEL


class Pairing(models.Model):
    assistance_request = models.OneToOneField(
        "cases.AssistanceRequest", on_delete=models.CASCADE, related_name="pairing"
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="pairings"
    )  # the current one: a handover to another team gives the pairing a new assignment
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT)
    helper = models.ForeignKey(
        Volunteer,
        verbose_name=_("helper"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pairings",
    )
    visit_interval_days = models.PositiveSmallIntegerField(
        _("visit every (days)"), validators=[MinValueValidator(1)]
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    last_visit_on = models.DateField(_("last visit"), null=True, blank=True)
    # The visit due date the last missed-visit alert was raised for (one alert per due date).
    alerted_for = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.helper or '—'} ↔ #{self.assistance_request_id}"

    @property
    def is_active(self):
        return self.ended_on is None

    def next_visit_due(self):
        """The day the next visit is due: an interval after the last visit, or after the
        start, or (once an alert went out for a missed one) after the missed due date."""
        base = max(d for d in (self.started_on, self.last_visit_on, self.alerted_for) if d)
        return base + timedelta(days=self.visit_interval_days)


class PairingHandover(models.Model):
    """A helper leaves: the pairing goes to another member or team. Names are copied so the
    history reads the same after a volunteer row is removed."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="handovers")
    from_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    to_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    from_helper = models.ForeignKey(
        Volunteer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_helper = models.ForeignKey(
        Volunteer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_helper_name = models.CharField(_("from"), max_length=50, blank=True)
    to_helper_name = models.CharField(_("to"), max_length=50, blank=True)
    reason = models.TextField(_("reason"))
    handed_over_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    handed_over_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pairing handover")
        verbose_name_plural = _("pairing handovers")
        ordering = ["id"]

    def __str__(self):
        return f"{self.from_helper_name} → {self.to_helper_name}"
