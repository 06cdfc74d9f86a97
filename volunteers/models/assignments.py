"""派单 on the team's side: an offer that becomes an assignment with named members."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .teams import Team, Volunteer

USER = settings.AUTH_USER_MODEL


class VolunteerSettings(models.Model):
    """The volunteer side's adjustable rules: one row, edited by administrators."""

    offer_hours = models.PositiveSmallIntegerField(
        _("hours a team has to answer an offer"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    visit_grace_days = models.PositiveSmallIntegerField(
        _("days of grace after a pairing visit is due"),
        default=7,
        validators=[MaxValueValidator(90)],
    )

    class Meta:
        verbose_name = _("volunteer work settings")
        verbose_name_plural = _("volunteer work settings")
        ordering = ["pk"]

    def __str__(self):
        return str(_("volunteer work settings"))

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls()


class Assignment(models.Model):
    """One offer of a request to a team (one per cases.Dispatch) and, once accepted, the work.

    The window (`starts_on`..`ends_on`) is the farming window or the pairing term; open
    assignments whose window overlaps a request's are what a team's capacity is counted from.
    """

    class Status(models.TextChoices):
        OFFERED = "offered", _("offered, awaiting the team (待接单)")
        OPEN = "open", _("accepted, in progress (进行中)")
        DECLINED = "declined", _("declined (拒单)")
        EXPIRED = "expired", _("offer expired (超时未接)")
        DONE = "done", _("work done (已完成)")
        HANDED_OVER = "handed_over", _("handed over to another team (已移交)")
        CANCELLED = "cancelled", _("cancelled (已撤销)")

    LOAD = (Status.OFFERED, Status.OPEN)  # what counts against a team's capacity

    dispatch = models.OneToOneField(
        "cases.Dispatch",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignment",
    )
    assistance_request = models.ForeignKey(
        "cases.AssistanceRequest",
        verbose_name=_("assistance request"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="assignments"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OFFERED
    )
    members = models.ManyToManyField(
        Volunteer,
        verbose_name=_("members"),
        through="AssignmentMember",
        related_name="assignments",
        blank=True,
    )
    starts_on = models.DateField(_("window starts"))
    ends_on = models.DateField(_("window ends"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-id"]
        indexes = [models.Index(fields=["team", "status"])]

    def __str__(self):
        return f"{self.team} · #{self.assistance_request_id}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class AssignmentMember(models.Model):
    """A member the team leader put on an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT)
    assigned_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assigned member")
        verbose_name_plural = _("assigned members")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "volunteer"], name="one_assignment_member_row"
            )
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.assignment}"
