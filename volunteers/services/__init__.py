"""State changes of volunteer work, one function per change (keyword-only, `by=` the actor,
DomainError on a broken rule, a CaseEvent per change). Views, the API and commands call these.

- offers: the team's side of 派单, called by the request services in cases.services
- activity: members on an assignment, activity records with photos, household confirmation
- money: 以资代劳 payments and their acknowledgement
- pairing: the missed-visit check (run by the one-on-one flow's timer) and handovers
"""

from .activity import (
    add_evidence,
    assign_members,
    confirm_activity,
    farming_tasks,
    log_activity,
    may_log,
)
from .money import acknowledge_payment, paid_total, payments_problem, record_payment
from .offers import (
    answer_offer,
    complete_assignment,
    current_assignment,
    expire_offer,
    open_offer,
)
from .pairing import check_at, check_missed_visit, hand_over_pairing

__all__ = [
    "acknowledge_payment",
    "add_evidence",
    "answer_offer",
    "assign_members",
    "check_at",
    "check_missed_visit",
    "complete_assignment",
    "confirm_activity",
    "current_assignment",
    "expire_offer",
    "farming_tasks",
    "hand_over_pairing",
    "log_activity",
    "may_log",
    "open_offer",
    "paid_total",
    "payments_problem",
    "record_payment",
]
