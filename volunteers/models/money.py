"""以资代劳: the unit pays instead of sending people; the household acknowledges receipt."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class MoneyInLieuPayment(models.Model):
    assistance_request = models.ForeignKey(
        "cases.AssistanceRequest", on_delete=models.CASCADE, related_name="money_payments"
    )
    amount = models.DecimalField(
        _("amount (¥)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    paying_unit = models.CharField(_("paying unit"), max_length=100)
    paid_on = models.DateField(_("paid on"))
    receipt_number = models.CharField(_("receipt number"), max_length=40)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The household's acknowledgement of receipt (签收).
    acknowledged_by_name = models.CharField(_("acknowledged by"), max_length=50, blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    acknowledgement_recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("money-in-lieu payment")
        verbose_name_plural = _("money-in-lieu payments")
        ordering = ["paid_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["paying_unit", "receipt_number"], name="one_payment_per_receipt"
            )
        ]

    def __str__(self):
        return f"¥{self.amount} · {self.receipt_number}"

    @property
    def is_acknowledged(self):
        return self.acknowledged_on is not None
