from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import Beneficiary, User


class CaseEvent(models.Model):
    """One entry of a case's history: who did what, when, from where, and why.

    Append-only: database triggers refuse UPDATE and DELETE (migration 0003), and every
    event is hash-chained to the one before it (see cases/chain.py for the canonical form).
    `seq` numbers the chain without gaps; ids may skip values when a transaction rolls back.

    Every append writes each index, so there are only those a reader uses: the history of a
    request, a beneficiary or a person (each by seq, which also serves their foreign keys),
    the time, and the chain's own uniqueness. No plain foreign-key indexes beside the
    composite ones, and the hash unique by a constraint, which on PostgreSQL needs no second
    index for LIKE the way a `unique=True` text field gets one (migration 0008: PostgreSQL
    only; SQLite keeps its older indexes).
    """

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    kind = models.CharField(_("event"), max_length=50)
    actor = models.ForeignKey(
        User,
        verbose_name=_("by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    beneficiary = models.ForeignKey(
        Beneficiary,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        db_index=False,
    )
    assistance_request = models.ForeignKey(
        "cases.AssistanceRequest",
        verbose_name=_("assistance request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        db_index=False,
    )
    target = models.CharField(_("object"), max_length=80)  # "cases.beneficiary:12"
    reason = models.TextField(_("reason / comment"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)  # {field: [old, new]}
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["seq"]
        permissions = [("audit_cases", _("Can use the auditor workspace"))]
        indexes = [
            models.Index(fields=["assistance_request", "seq"], name="cases_casee_assista_seq_idx"),
            models.Index(fields=["beneficiary", "seq"], name="cases_casee_benefic_seq_idx"),
            models.Index(fields=["actor", "seq"], name="cases_casee_actor_seq_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["hash"], name="cases_caseevent_hash_unique")]

    def __str__(self):
        return f"{self.kind} {self.target}"


class AuditHead(models.Model):
    """The single row holding the chain's head. Writers lock it, so the chain stays linear."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self):
        return f"{self.seq}:{self.hash[:12]}"


class AuditCheckpoint(models.Model):
    """A head printed by `audit_checkpoint`; keep a copy outside the database too."""

    seq = models.PositiveBigIntegerField()
    event_id = models.BigIntegerField(null=True)
    hash = models.CharField(max_length=64)
    taken_at = models.DateTimeField(default=timezone.now)
    taken_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-taken_at"]

    def __str__(self):
        return f"{self.seq}:{self.hash[:12]} @ {self.taken_at:%Y-%m-%d %H:%M}"
