"""What happens to a request: verification, sign-offs, dispatch, follow-ups, outcome."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from .requests import MONEY, AssistanceRequest

USER = settings.AUTH_USER_MODEL


class VerificationReport(models.Model):
    """调查核实: the home visit and the documents checklist."""

    assistance_request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="verifications"
    )
    visit_date = models.DateField(_("visit date"))
    findings = models.TextField(_("findings"))
    # [{"item": "户口簿", "received": true}, ...]
    checklist = models.JSONField(_("documents checklist"), default=list)
    verified = models.BooleanField(_("facts verified"))
    verified_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verification report")
        verbose_name_plural = _("verification reports")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.visit_date} {self.verified_by}"

    def missing_items(self):
        return [entry["item"] for entry in self.checklist if not entry.get("received")]


class Decision(models.Model):
    """One sign-off: a level, an approver, what they decided and why."""

    class Outcome(models.TextChoices):
        APPROVE = "approve", _("approve (同意)")
        REJECT = "reject", _("reject (不同意)")
        RETURN = "return", _("return for information (退回补充)")

    assistance_request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="decisions"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=[(1, _("first")), (2, _("second"))]
    )
    approver = models.ForeignKey(USER, verbose_name=_("approver"), on_delete=models.PROTECT)
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    comment = models.TextField(_("comment"), blank=True)
    approved_amount = models.DecimalField(_("approved amount (¥)"), null=True, blank=True, **MONEY)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    # For a return: the case worker's answer.
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["id"]

    def __str__(self):
        return f"L{self.level} {self.get_outcome_display()} · {self.approver}"


class Dispatch(models.Model):
    """派单: the request handed to a volunteer team, its answer and the work done."""

    assistance_request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="dispatches"
    )
    team = models.ForeignKey("volunteers.Team", verbose_name=_("team"), on_delete=models.PROTECT)
    note = models.TextField(_("instructions"), blank=True)
    dispatched_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    dispatched_at = models.DateTimeField(auto_now_add=True)
    accepted = models.BooleanField(_("accepted"), null=True)
    responded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    work_done = models.TextField(_("work done"), blank=True)

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["-id"]

    def __str__(self):
        return str(self.team)


class FollowUp(models.Model):
    """回访."""

    class Method(models.TextChoices):
        VISIT = "visit", _("home visit (上门)")
        PHONE = "phone", _("phone call (电话)")

    assistance_request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="follow_ups"
    )
    due = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due", "id"]

    def __str__(self):
        return f"{self.due}"


class Outcome(models.Model):
    """结案: the outcome recorded at close."""

    class Result(models.TextChoices):
        SOLVED = "solved", _("problem solved (已解决)")
        PARTLY = "partly", _("partly solved (部分解决)")
        NOT_SOLVED = "not_solved", _("not solved (未解决)")

    assistance_request = models.OneToOneField(
        AssistanceRequest, on_delete=models.CASCADE, related_name="outcome", primary_key=True
    )
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    amount_delivered = models.DecimalField(
        _("money delivered or relieved (¥)"), default=Decimal("0"), **MONEY
    )
    summary = models.TextField(_("summary"))
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return self.get_result_display()


class OfficeSettings(models.Model):
    """The office's adjustable rules: one row, edited by administrators."""

    second_level_threshold = models.DecimalField(
        _("second-level sign-off from (¥)"), default=Decimal("5000"), **MONEY
    )
    verification_days = models.PositiveSmallIntegerField(
        _("days allowed for verification"), default=5, validators=[MinValueValidator(1)]
    )
    sign_off_days = models.PositiveSmallIntegerField(
        _("days allowed for each sign-off"), default=3, validators=[MinValueValidator(1)]
    )
    step_days = models.PositiveSmallIntegerField(
        _("days allowed for other steps"), default=7, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("office settings")
        verbose_name_plural = _("office settings")

    def __str__(self):
        return str(_("office settings"))

    def save(self, *args, **kwargs):
        connection._office_settings = None
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        connection._office_settings = None
        return super().delete(*args, **kwargs)

    @classmethod
    def current(cls):
        """The settings row, read once per transaction: a transition asks for it in the
        service and again for each step it creates. Saving the row forgets the copy."""
        blocks = connection.atomic_blocks
        memo = getattr(connection, "_office_settings", None)
        if blocks and memo and memo[0] is blocks[0]:
            return memo[1]
        found = cls.objects.order_by("pk").first() or cls()
        connection._office_settings = (blocks[0], found) if blocks else None
        return found


class Notification(models.Model):
    """A message in a user's inbox (reminders, escalations); no mail server exists."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="notifications")
    assistance_request = models.ForeignKey(
        AssistanceRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30)
    text = models.CharField(_("message"), max_length=300)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text
