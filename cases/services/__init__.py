"""State changes, one function per transition. Views, the API and commands call these only.

`registry` holds beneficiaries; `requests` holds assistance requests from intake to close.
"""

from .registry import (
    BENEFICIARY_FIELDS,
    register_beneficiary,
    reveal_id_number,
    update_beneficiary,
)
from .requests import (
    DETAIL_MODELS,
    accept_dispatch,
    answer_return,
    approve,
    cancel,
    close,
    current_dispatch,
    dispatch,
    expire_dispatch,
    file_with_court,
    follow_up,
    notify_overdue,
    open_return,
    record_court_decision,
    record_delivery,
    reject,
    return_for_info,
    sign_off_refusal,
    submit_request,
    verify,
    withdraw,
)

__all__ = [
    "reveal_id_number",
    "BENEFICIARY_FIELDS",
    "DETAIL_MODELS",
    "accept_dispatch",
    "answer_return",
    "approve",
    "cancel",
    "close",
    "current_dispatch",
    "dispatch",
    "expire_dispatch",
    "file_with_court",
    "follow_up",
    "notify_overdue",
    "open_return",
    "record_court_decision",
    "record_delivery",
    "register_beneficiary",
    "reject",
    "return_for_info",
    "sign_off_refusal",
    "submit_request",
    "update_beneficiary",
    "verify",
    "withdraw",
]
