"""State changes of the registry. Views, the API and commands call these and nothing else.

Each function takes keyword arguments and the acting user as `by`, checks its preconditions
(raising DomainError), saves, writes a CaseEvent and returns the object.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import audit, crypto
from ..errors import DomainError
from ..idnumber import IdNumber
from ..models import Beneficiary
from ..selectors import beneficiaries_visible_to

BENEFICIARY_FIELDS = [
    "name",
    "gender",
    "phone",
    "area",
    "address",
    "category",
    "household_size",
    "lacks_labour",
    "hardship_living",
    "hardship_housing",
    "hardship_medical",
    "notes",
]


def _refuse_duplicate(id_number: IdNumber, by, exclude_pk=None):
    existing = Beneficiary.objects.filter(
        id_number_hash=crypto.keyed_hash(id_number.canonical)
    ).exclude(pk=exclude_pk)
    existing = existing.first()
    if existing is None:
        return
    if beneficiaries_visible_to(by).filter(pk=existing.pk).exists():
        url = reverse("registry:beneficiary:detail", args=[existing.pk])
        message = format_html(
            _('This ID number is already registered: <a href="{}">{}</a>.'), url, existing
        )
    else:
        message = _(
            "This ID number is already registered in another area (%(area)s); "
            "ask that area's office to transfer the record."
        ) % {"area": existing.area}
    raise DomainError(message, field="id_number", code="duplicate")


@transaction.atomic
def register_beneficiary(*, by, id_number: IdNumber, **data):
    _refuse_duplicate(id_number, by)
    beneficiary = Beneficiary(created_by=by, **data)
    beneficiary.set_id_number(id_number)
    beneficiary.save()
    audit.record(
        "beneficiary.registered",
        by=by,
        target=beneficiary,
        beneficiary=beneficiary,
        changes=audit.diff({}, audit.snapshot(beneficiary, BENEFICIARY_FIELDS)),
    )
    return beneficiary


@transaction.atomic
def update_beneficiary(*, by, beneficiary, reason="", **data):
    before = audit.snapshot(beneficiary, BENEFICIARY_FIELDS)
    for name, value in data.items():
        if name not in BENEFICIARY_FIELDS:
            raise DomainError(_("%(field)s cannot be changed here.") % {"field": name})
        setattr(beneficiary, name, value)
    changes = audit.diff(before, audit.snapshot(beneficiary, BENEFICIARY_FIELDS))
    if not changes:
        return beneficiary
    beneficiary.save(update_fields=[*changes, "updated_at"])
    audit.record(
        "beneficiary.updated",
        by=by,
        target=beneficiary,
        beneficiary=beneficiary,
        reason=reason,
        changes=changes,
    )
    return beneficiary


REASON_MIN_LENGTH = 4


def required_reason(reason):
    """Viewing sensitive data needs a stated reason; returns it stripped or refuses."""
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise DomainError(
            _("Say why you need this (at least %(n)d characters).") % {"n": REASON_MIN_LENGTH},
            field="reason",
        )
    return reason


@transaction.atomic
def reveal_id_number(*, by, beneficiary, reason, purpose="page", assistance_request=None):
    """The full ID number, for a user whose role needs it and who says why; logged.

    `purpose` says where the number goes ("page", "court packet", ...) and is recorded too,
    with the case when the number is revealed for one.
    """
    if not by.has_perm("cases.reveal_id_number"):
        raise DomainError(_("Your role may not see full ID numbers."), code="forbidden")
    audit.record(
        "id_number.revealed",
        by=by,
        target=beneficiary,
        beneficiary=beneficiary,
        assistance_request=assistance_request,
        reason=required_reason(reason),
        changes={"purpose": [None, purpose]},
    )
    return beneficiary.reveal_id_number()
