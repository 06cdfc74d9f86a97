"""Models of the cases app, split by topic; import them from here."""

from .casework import (
    Decision,
    Dispatch,
    FollowUp,
    Notification,
    OfficeSettings,
    Outcome,
    VerificationReport,
)
from .registry import Area, Beneficiary, CaseEvent, User
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
    "FollowUp",
    "HardshipType",
    "Kind",
    "Notification",
    "OfficeSettings",
    "OneOnOneDetail",
    "Outcome",
    "Relief",
    "Season",
    "Status",
    "User",
    "VerificationReport",
]
