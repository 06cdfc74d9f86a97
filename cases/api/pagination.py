"""Cursor pages for every list: stable under inserts and no deep OFFSET scans."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Newest first by id; `?cursor=` from `next`/`previous`, `?page_size=` up to 100."""

    ordering = "-id"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


def cursor(*ordering):
    """A Cursor ordered by other fields (the first must be unique enough to page by)."""
    return type("Cursor", (Cursor,), {"ordering": ordering})
