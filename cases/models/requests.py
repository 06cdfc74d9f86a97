"""Assistance requests: one base row per case, one detail table per kind."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Area, Beneficiary

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class Kind(models.TextChoices):
    FEE_WAIVER = "fee_waiver", _("Litigation-fee relief (诉讼费缓减免)")
    ONE_ON_ONE = "one_on_one", _("One-on-one assistance (一助一结对帮扶)")
    FARMING_HELP = "farming_help", _("Help with farming work (帮耕帮种)")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Registered, awaiting verification (已受理)")
    VERIFIED = "verified", _("Verified, awaiting sign-off (待审批)")
    RETURNED = "returned", _("Returned for more information (退回补充)")
    AWAITING_SECOND = "awaiting_second", _("Awaiting second-level sign-off (待领导审批)")
    APPROVED = "approved", _("Approved, awaiting dispatch (待派单)")
    DISPATCHED = "dispatched", _("Dispatched, awaiting the team (待接单)")
    IN_DELIVERY = "in_delivery", _("In delivery (服务中)")
    COURT_FILING = "court_filing", _("To be filed with the court (待递交法院)")
    AT_COURT = "at_court", _("Filed, awaiting the court (待法院决定)")
    FOLLOW_UP = "follow_up", _("Follow-up (回访)")
    TO_CLOSE = "to_close", _("Ready to close (待结案)")
    CLOSED = "closed", _("Closed (已结案)")
    REJECTED = "rejected", _("Rejected (不予帮扶)")
    WITHDRAWN = "withdrawn", _("Withdrawn (已撤回)")
    CANCELLED = "cancelled", _("Cancelled (已撤销)")


FINISHED = {Status.CLOSED, Status.REJECTED, Status.WITHDRAWN, Status.CANCELLED}


class AssistanceRequest(models.Model):
    """One case: a beneficiary asks for one kind of help in one area."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    beneficiary = models.ForeignKey(
        Beneficiary,
        verbose_name=_("beneficiary"),
        on_delete=models.PROTECT,
        related_name="assistance_requests",
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    summary = models.CharField(_("summary"), max_length=200)
    # The money at stake, used for the second-level threshold (fee, funds or money in lieu).
    amount = models.DecimalField(_("amount (¥)"), default=Decimal("0"), **MONEY)
    needs_second_level = models.BooleanField(_("needs second-level sign-off"), default=False)
    # Eligibility: what the rules suggested, and the worker's reason when they chose otherwise.
    suggested_relief = models.CharField(_("suggested relief"), max_length=20, blank=True)
    suggested_ground = models.CharField(_("legal ground"), max_length=20, blank=True)
    override_reason = models.TextField(_("reason for overriding the suggestion"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["area", "-id"]),
            models.Index(fields=["status"]),
            models.Index(fields=["kind", "status", "-submitted_at"]),
        ]
        permissions = [
            ("cancel_assistancerequest", _("Can cancel an assistance request")),
            ("sign_off_first", _("Can give the first-level sign-off")),
            ("sign_off_second", _("Can give the second-level sign-off")),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} · {self.beneficiary.name}"

    @property
    def is_finished(self):
        return self.status in FINISHED

    @property
    def detail(self):
        """The kind's detail row."""
        return getattr(self, self.kind, None)


class Relief(models.TextChoices):
    DEFER = "defer", _("deferral (缓交)")
    REDUCE = "reduce", _("reduction (减交)")
    EXEMPT = "exempt", _("exemption (免交)")


class ClaimType(models.TextChoices):
    PENSION = "pension", _("pension / compensation for the dead or disabled (抚恤金)")
    SUPPORT = "support", _("support or maintenance (赡养费、扶养费、抚育费)")
    SOCIAL_INSURANCE = "social_insurance", _("social-insurance benefits (社会保险金)")
    ECONOMIC_COMPENSATION = "economic_compensation", _("economic compensation (经济补偿金)")
    ACCIDENT = "accident", _("damages for an accident or injury (事故人身伤害赔偿)")
    OTHER = "other", _("other civil claim (其他)")


class CourtDecision(models.TextChoices):
    GRANTED = "granted", _("granted (准予)")
    PARTLY = "partly", _("partly granted (部分准予)")
    REFUSED = "refused", _("refused (不予准许)")


class FeeWaiverDetail(models.Model):
    assistance_request = models.OneToOneField(
        AssistanceRequest, on_delete=models.CASCADE, related_name="fee_waiver", primary_key=True
    )
    court = models.CharField(_("court"), max_length=100)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    claim_type = models.CharField(_("type of claim"), max_length=30, choices=ClaimType.choices)
    fee_amount = models.DecimalField(_("court fee (¥)"), **MONEY)
    relief_sought = models.CharField(_("relief sought"), max_length=10, choices=Relief.choices)
    legal_ground = models.CharField(_("legal ground (item)"), max_length=20, blank=True)
    reduction_percent = models.PositiveSmallIntegerField(
        _("reduction (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30), MaxValueValidator(99)],
    )
    receives_legal_aid = models.BooleanField(_("receiving legal aid (法律援助)"), default=False)
    minimum_allowance = models.BooleanField(
        _("minimum living allowance, no other income (低保)"), default=False
    )
    no_fixed_income = models.BooleanField(_("disabled without fixed income"), default=False)
    hardship_evidence = models.TextField(_("hardship evidence"), blank=True)
    filed_on = models.DateField(_("filed with the court on"), null=True, blank=True)
    court_decision = models.CharField(
        _("court's decision"), max_length=10, choices=CourtDecision.choices, blank=True
    )
    court_relief_amount = models.DecimalField(
        _("relief granted by the court (¥)"), null=True, blank=True, **MONEY
    )
    court_decided_on = models.DateField(_("court decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee relief details")
        verbose_name_plural = _("fee relief details")

    def __str__(self):
        return f"#{self.assistance_request_id}"

    def relief_value(self):
        """The money the relief is worth, for the sign-off threshold."""
        if self.relief_sought == Relief.REDUCE and self.reduction_percent:
            return (self.fee_amount * self.reduction_percent / 100).quantize(Decimal("0.01"))
        return self.fee_amount


class HardshipType(models.TextChoices):
    LIVING = "living", _("living (生活难)")
    HOUSING = "housing", _("housing (住房难)")
    MEDICAL = "medical", _("medical (治病难)")
    LABOUR = "labour", _("lack of labour (缺劳)")


class OneOnOneDetail(models.Model):
    assistance_request = models.OneToOneField(
        AssistanceRequest, on_delete=models.CASCADE, related_name="one_on_one", primary_key=True
    )
    need = models.TextField(_("the need"))
    hardship_type = models.CharField(_("hardship"), max_length=10, choices=HardshipType.choices)
    project = models.CharField(_("project (项目)"), max_length=200)
    help_funds = models.BooleanField(_("help with funds (资金)"), default=False)
    help_labour = models.BooleanField(_("help with labour (劳力)"), default=False)
    help_know_how = models.BooleanField(_("help with know-how (技术)"), default=False)
    funds_amount = models.DecimalField(_("funds (¥)"), default=Decimal("0"), **MONEY)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    visit_interval_days = models.PositiveSmallIntegerField(
        _("visit every (days)"), default=30, validators=[MinValueValidator(1)]
    )
    target_result = models.TextField(_("target result (确保见成效)"))

    class Meta:
        verbose_name = _("one-on-one details")
        verbose_name_plural = _("one-on-one details")

    def __str__(self):
        return f"#{self.assistance_request_id}"


class Season(models.TextChoices):
    SUMMER = "summer", _("summer harvest and planting (夏收夏种)")
    AUTUMN = "autumn", _("autumn harvest and planting (秋收秋种)")


class FarmingMode(models.TextChoices):
    LABOUR = "labour", _("send people (出工)")
    MONEY = "money", _("money in lieu (以资代劳)")


class FarmingHelpDetail(models.Model):
    assistance_request = models.OneToOneField(
        AssistanceRequest, on_delete=models.CASCADE, related_name="farming_help", primary_key=True
    )
    season = models.CharField(_("season"), max_length=10, choices=Season.choices)
    crops = models.CharField(_("crops"), max_length=100)
    area_mu = models.DecimalField(
        _("area (亩)"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    tasks = models.CharField(_("tasks (harvest, plant, plough)"), max_length=200)
    window_start = models.DateField(_("window starts"))
    window_end = models.DateField(_("window ends"))
    person_days = models.DecimalField(
        _("estimated person-days"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0"))],
    )
    mode = models.CharField(_("mode"), max_length=10, choices=FarmingMode.choices)
    money_amount = models.DecimalField(_("money in lieu (¥)"), default=Decimal("0"), **MONEY)

    class Meta:
        verbose_name = _("farming help details")
        verbose_name_plural = _("farming help details")

    def __str__(self):
        return f"#{self.assistance_request_id}"
