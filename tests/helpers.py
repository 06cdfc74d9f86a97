"""Small helpers shared by tests of several apps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# A list over an unordered queryset pages inconsistently (rows repeat or vanish between
# pages): mark list-page tests with this to make Django's warning a failure.
fail_on_unordered_pages = pytest.mark.filterwarnings(
    "error::django.core.paginator.UnorderedObjectListWarning"
)

# Every list page must stay under this many queries, whatever the number of rows.
LIST_PAGE_QUERY_LIMIT = 12


def page_queries(client, url):
    """(number of SQL queries, response) for one GET of `url`; the page must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), response


def rows_on_page(response):
    return len(response.context["page_obj"].object_list)


def assert_constant_queries(client, url, grow, *, small=3, large=30):
    """Measure the list page, call grow(large - small) to add rows, measure again.

    Asserts the page shows more rows the second time, that both counts are equal and that
    they stay within LIST_PAGE_QUERY_LIMIT. Returns the count.
    """
    client.get(url)  # warm per-process caches (content types, templates)
    count_small, response = page_queries(client, url)
    shown_small = rows_on_page(response)
    grow(large - small)
    count_large, response = page_queries(client, url)
    assert rows_on_page(response) > shown_small, "the added rows must be on the page"
    assert count_small == count_large, (
        f"{url}: {count_small} queries at {shown_small} rows, "
        f"{count_large} at {rows_on_page(response)}"
    )
    assert count_large <= LIST_PAGE_QUERY_LIMIT, f"{url}: {count_large} queries"
    return count_large
