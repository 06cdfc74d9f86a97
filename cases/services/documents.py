"""State changes around documents: exporting sensitive data is recorded before it happens."""

from django.db import transaction

from .. import audit
from .registry import required_reason


@transaction.atomic
def export_dossier(*, by, assistance_request, reason):
    """Record that `by` exports the case dossier (the whole history, personal data), and why."""
    audit.record(
        "dossier.exported",
        by=by,
        target=assistance_request,
        beneficiary=assistance_request.beneficiary,
        assistance_request=assistance_request,
        reason=required_reason(reason),
    )
