"""Models of the volunteers app, split by topic; import them from here."""

from .activity import ActivityParticipant, ActivityRecord, Evidence, TaskProgress
from .assignments import Assignment, AssignmentMember, VolunteerSettings
from .money import MoneyInLieuPayment
from .pairing import Pairing, PairingHandover
from .teams import Membership, Skill, Team, Volunteer

__all__ = [
    "ActivityParticipant",
    "ActivityRecord",
    "Assignment",
    "AssignmentMember",
    "Evidence",
    "Membership",
    "MoneyInLieuPayment",
    "Pairing",
    "PairingHandover",
    "Skill",
    "TaskProgress",
    "Team",
    "Volunteer",
    "VolunteerSettings",
]
