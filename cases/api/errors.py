"""One error format for the whole API: {"code", "message", "fields"}.

Domain errors keep the message the pages show (tags stripped: the registry links duplicates).
Status: 409 when the state of the case refuses the step (or someone else was quicker),
403 for who-may-do-what, 400 for the rest. Rows outside the caller's scope are never found
(404), so nobody learns that they exist.
"""

from html import unescape

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback
from viewflow.workflow.exceptions import FlowLockFailed

from cases.errors import DomainError

CONFLICT_CODES = {"wrong_status", "duplicate", "task_closed", "conflict"}
FORBIDDEN_CODES = {"forbidden", "four_eyes"}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "Conflict."


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"
    default_detail = "Unprocessable."


def body(code, message, fields=None):
    return {"code": code, "message": force_str(message), "fields": fields or {}}


def _plain(message):
    return unescape(strip_tags(force_str(message)))


def _flatten(detail):
    """DRF's nested error detail → {field: [messages]} with dotted paths for nesting."""
    fields = {}

    def walk(value, prefix):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{prefix}.{key}" if prefix else str(key))
        elif isinstance(value, list) and value and not all(isinstance(v, str) for v in value):
            for index, item in enumerate(value):
                walk(item, f"{prefix}.{index}" if prefix else str(index))
        else:
            items = value if isinstance(value, list) else [value]
            fields.setdefault(prefix or "non_field_errors", []).extend(force_str(v) for v in items)

    walk(detail, "")
    return fields


def _from_domain(error):
    message = _plain(error.message)
    if error.code in CONFLICT_CODES:
        code = status.HTTP_409_CONFLICT
    elif error.code in FORBIDDEN_CODES:
        code = status.HTTP_403_FORBIDDEN
    else:
        code = status.HTTP_400_BAD_REQUEST
    fields = {error.field: [message]} if error.field else {}
    return Response(body(error.code, message, fields), status=code)


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error the API answers goes through here."""
    if isinstance(exc, DomainError):
        set_rollback()
        return _from_domain(exc)
    if isinstance(exc, FlowLockFailed):
        exc = Conflict(_("Someone else is working on this case; try again."))
    elif isinstance(exc, DataError | OverflowError):
        # The database refused a value the validators let through: still the client's input.
        exc = exceptions.ValidationError(_("A value is out of range or malformed."))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: let it be a 500 with the traceback logged
    set_rollback()
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        first = next(iter(fields.values()))[0] if fields else _("Invalid input.")
        data = body("invalid", first, fields)
    else:
        detail = exc.detail
        code = detail.code if hasattr(detail, "code") else exc.default_code
        data = body(code, _plain(detail))
    return Response(data, status=exc.status_code, headers=headers)


def not_found(request, exception=None):
    """handler404 for /api/ paths the router does not know: JSON like every other error."""
    return JsonResponse(body("not_found", _("Not found.")), status=404)


# The schema: every operation documents the error answers it may give ---------------------

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "message": {"type": "string"},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["code", "message", "fields"],
}
ERRORS = {
    "400": "Invalid input, or a rule refused it.",
    "401": "Not authenticated.",
    "403": "Your role may not do this.",
    "404": "Not found, or outside your areas.",
    "409": "The case is not in a state for this, or someone else was quicker.",
    "422": "The Idempotency-Key was used for another request.",
}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: add the Error component and the error answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code == "422" and method != "post":
                    continue
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result
