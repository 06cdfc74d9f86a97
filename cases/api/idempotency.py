"""Idempotency-Key for POSTs that create or transition (the header Stripe made common).

The first successful answer is stored with the key, in the same transaction as the change,
so "the key is stored" and "the change happened" are one fact. A retry with the same key
and the same request gets that answer again (header `Idempotent-Replayed: true`) and
changes nothing; the same key with another method, path or body answers 422. A failed
request stores nothing: it changed nothing, so it may be retried as it is or corrected.
Keys are per user and kept for IDEMPOTENCY_KEY_DAYS (see the purge in `purge_expired`).
"""

import hashlib
import json
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from cases.models import IdempotencyKey

from .errors import Conflict, Unprocessable

HEADER = "Idempotency-Key"
MAX_LENGTH = 255
KEEP = timedelta(days=7)

PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string (a UUID) per intended change; retries reuse it.",
)


def _plain_data(data):
    return json.loads(json.dumps(data, cls=JSONEncoder, sort_keys=True))


def fingerprint(request):
    try:
        data = request.data
        if hasattr(data, "lists"):  # a form's QueryDict: every value of every key
            data = dict(data.lists())
    except exceptions.ParseError:
        data = None
    text = json.dumps(
        [request.method, request.path, data], cls=JSONEncoder, sort_keys=True, default=str
    )
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _key_of(request):
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_LENGTH:
        raise exceptions.ValidationError(
            {HEADER: [_("Give 1 to %(n)s characters.") % {"n": MAX_LENGTH}]}
        )
    return key


def idempotent(handler):
    """Decorate a view method that answers a POST (create or transition)."""

    @wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = _key_of(request)
        if key is None:
            return handler(view, request, *args, **kwargs)
        print_ = fingerprint(request)
        stored = IdempotencyKey.objects.filter(
            user=request.user, key=key, created_at__gte=timezone.now() - KEEP
        ).first()
        if stored is not None:
            if stored.fingerprint != print_:
                raise Unprocessable(
                    _("This Idempotency-Key was already used for a different request.")
                )
            return Response(
                stored.response, status=stored.status_code, headers={"Idempotent-Replayed": "true"}
            )
        with transaction.atomic():
            response = handler(view, request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                _store(request, key, print_, response)
        return response

    return wrapper


def _store(request, key, print_, response):
    IdempotencyKey.objects.filter(user=request.user, key=key).delete()  # an expired one
    try:
        with transaction.atomic():
            IdempotencyKey.objects.create(
                user=request.user,
                key=key,
                fingerprint=print_,
                status_code=response.status_code,
                response=_plain_data(response.data),
            )
    except IntegrityError:
        # The same key arrived twice at once and the other won: undo this one's change.
        raise Conflict(_("A request with this Idempotency-Key is in progress.")) from None


def purge_expired():
    """Delete keys older than KEEP; returns how many."""
    deleted, _by_model = IdempotencyKey.objects.filter(
        created_at__lt=timezone.now() - KEEP
    ).delete()
    return deleted
