"""State changes around documents: printing a full ID number is recorded before it happens."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..errors import DomainError

REVEAL_REASON_MIN_LENGTH = 4


@transaction.atomic
def reveal_id_number_for_document(*, by, assistance_request, reason, document):
    """Record that `by` prints the beneficiary's full ID number on `document`, and why.

    Returns True; the caller then renders with `reveal=True`. Nothing is printed unmasked
    without this event in the case history.
    """
    if not by.has_perm("cases.reveal_id_number"):
        raise DomainError(_("Your role may not see full ID numbers."), code="forbidden")
    reason = (reason or "").strip()
    if len(reason) < REVEAL_REASON_MIN_LENGTH:
        raise DomainError(
            _("Say why you need the full ID number (at least %(n)d characters).")
            % {"n": REVEAL_REASON_MIN_LENGTH},
            field="reason",
        )
    beneficiary = assistance_request.beneficiary
    audit.record(
        "id_number.revealed",
        by=by,
        target=beneficiary,
        beneficiary=beneficiary,
        assistance_request=assistance_request,
        reason=reason,
        changes={"purpose": [None, document]},
    )
    return True
