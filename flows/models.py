"""Workflow bookkeeping: one process row per assistance request.

The business data lives in cases.AssistanceRequest; the process only points at it. One
concrete table holds the foreign key, and one proxy per flow gives each Flow its own class.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class AssistanceProcess(Process):
    assistance_request = models.OneToOneField(
        "cases.AssistanceRequest",
        verbose_name=_("assistance request"),
        on_delete=models.PROTECT,
        related_name="process",
    )

    class Meta:
        verbose_name = _("assistance process")
        verbose_name_plural = _("assistance processes")

    @property
    def brief(self):
        return str(self.assistance_request)


class FeeWaiverProcess(AssistanceProcess):
    kind = "fee_waiver"  # cases.Kind, and the name of its detail row on the request

    class Meta:
        proxy = True
        verbose_name = _("fee relief process")


class OneOnOneProcess(AssistanceProcess):
    kind = "one_on_one"  # cases.Kind, and the name of its detail row on the request

    class Meta:
        proxy = True
        verbose_name = _("one-on-one process")


class FarmingHelpProcess(AssistanceProcess):
    kind = "farming_help"  # cases.Kind, and the name of its detail row on the request

    class Meta:
        proxy = True
        verbose_name = _("farming help process")
