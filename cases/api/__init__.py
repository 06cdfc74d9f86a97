"""The REST API (/api/v1/): the same services, role checks and row selectors as the pages.

See docs/api.md for the conventions (errors, idempotency, pagination) and a walk-through.
"""
