"""The API docs render in Chromium under the product's CSP, from our own static files."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_without_csp_violations(login_page, case_worker, screenshot):
    page = login_page(case_worker, language="en")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock-tag", timeout=20_000)
    assert page.locator(".opblock-summary-path", has_text="/api/v1/tasks/").count() > 0
    page.get_by_text("/api/v1/areas/", exact=True).first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    page.wait_for_selector(".live-responses-table tbody .response-col_status", timeout=10_000)
    assert (
        "200" in page.locator(".live-responses-table tbody .response-col_status").first.inner_text()
    )
    screenshot(page, "api-docs")
    base = page.url.split("/api/")[0]
    assert all(url.startswith(base) or url.startswith("data:") for url in requests), requests
