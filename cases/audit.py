"""Writing the case history.

`record()` is called by services, inside their transaction. Where the change came from (IP
address, user agent) is taken from the HTTP request by `OriginMiddleware`, so services keep a
plain signature and commands record an empty origin.
"""

from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal

from . import chain
from .models import CaseEvent

_origin: ContextVar[tuple[str | None, str]] = ContextVar("origin", default=(None, ""))


class OriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _origin.set(
            (request.META.get("REMOTE_ADDR"), request.META.get("HTTP_USER_AGENT", "")[:300])
        )
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def snapshot(obj, fields):
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before, after):
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(
    kind,
    *,
    by,
    target,
    beneficiary=None,
    beneficiary_id=None,
    assistance_request=None,
    reason="",
    changes=None,
):
    ip_address, user_agent = _origin.get()
    event = CaseEvent(
        kind=kind,
        actor=by,
        target=f"{target._meta.label_lower}:{target.pk}",
        beneficiary_id=beneficiary.pk if beneficiary is not None else beneficiary_id,
        assistance_request=assistance_request,
        reason=reason,
        changes=changes or {},
        ip_address=ip_address,
        user_agent=user_agent,
    )
    return chain.append(event)
