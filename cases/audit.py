"""Writing the case history.

`record()` is called by services, inside their transaction. Where the change came from (IP
address, user agent) is taken from the HTTP request by `OriginMiddleware`, so services keep a
plain signature and commands record an empty origin.

Inside `deferred()` (a workflow transition) the events are queued and chained together at the
end of the block, so the chain's head is locked only from there to the commit.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from ipaddress import ip_address

from . import chain
from .models import CaseEvent

_origin: ContextVar[tuple[str | None, str]] = ContextVar("origin", default=(None, ""))
_queue: ContextVar[list | None] = ContextVar("deferred_events", default=None)


def client_address(remote_addr):
    """The address as the database will give it back (the hash covers what is stored): one
    spelling per IPv6 address, an IPv4 client seen through an IPv6 socket as IPv4, and None
    for anything that is not an address."""
    try:
        address = ip_address(remote_addr or "")
    except ValueError:
        return None
    return str(getattr(address, "ipv4_mapped", None) or address)


class OriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _origin.set(
            (
                client_address(request.META.get("REMOTE_ADDR")),
                request.META.get("HTTP_USER_AGENT", "")[:300],
            )
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
    queue = _queue.get()
    if queue is None:
        return chain.append(event)
    event.changes = chain.plain_json(event.changes)  # as it is now, whatever the caller does next
    queue.append(event)
    return event  # pk, seq and hash are set when the deferred block ends


@contextmanager
def deferred():
    """Queue the events recorded in the block; at its end link them all to the chain with one
    lock of the head and insert them together. Use it inside the transaction, around work that
    takes long next to that (a workflow transition): the head, which every writer of events
    waits for, stays locked from the end of the block to the commit, not from the first event.

    An event recorded in the block has no pk, seq or hash until the block ends. If the block
    raises, its events are dropped (the transaction rolls back with them). Nested blocks
    belong to the outermost one.
    """
    if _queue.get() is not None:
        yield
        return
    events = []
    token = _queue.set(events)
    try:
        yield
    finally:
        _queue.reset(token)
    chain.append_all(events)
