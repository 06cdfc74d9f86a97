"""Models of the cases app, split by topic; import them from here."""

from .api import IdempotencyKey
from .audit import AuditCheckpoint, AuditHead, CaseEvent
from .casework import (
    Decision,
    Dispatch,
    FollowUp,
    Notification,
    OfficeSettings,
    Outcome,
    VerificationReport,
)
from .documents import RenderedDocument
from .registry import Area, Beneficiary, User
from .requests import (
    FINISHED,
    AssistanceRequest,
    ClaimType,
    CourtDecision,
    FarmingHelpDetail,
    FarmingMode,
    FeeWaiverDetail,
    HardshipType,
    Kind,
    OneOnOneDetail,
    Relief,
    Season,
    Status,
)

__all__ = [
    "FINISHED",
    "Area",
    "AuditCheckpoint",
    "AuditHead",
    "AssistanceRequest",
    "Beneficiary",
    "CaseEvent",
    "ClaimType",
    "CourtDecision",
    "Decision",
    "Dispatch",
    "FarmingHelpDetail",
    "FarmingMode",
    "FeeWaiverDetail",
    "IdempotencyKey",
    "FollowUp",
    "HardshipType",
    "Kind",
    "Notification",
    "OfficeSettings",
    "OneOnOneDetail",
    "Outcome",
    "Relief",
    "RenderedDocument",
    "Season",
    "Status",
    "User",
    "VerificationReport",
]
