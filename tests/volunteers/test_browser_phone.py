"""The volunteer pages on a phone: 390 px wide, no sideways scrolling, usable controls."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests.volunteers import work

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone_page(browser, live_server):
    """phone_page(user) -> a 390 px page signed in as `user` (session cookie, no login form)."""
    contexts, problems = [], []

    def open_as(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(
            base_url=live_server.url, viewport=PHONE, is_mobile=True, locale="zh-CN"
        )
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert not problems, problems


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"page is {width} px wide"


def test_my_assignments_and_log_form_fit_a_phone(
    phone_page, screenshot, farming_job, beneficiary, member, volunteer
):
    _ar, assignment = farming_job()
    work.log(assignment, by=volunteer, volunteer=member, photos=[work.image_file()])
    page = phone_page(volunteer)
    page.goto(reverse("teams:work:index"))
    page.locator(".assignment-card").first.wait_for()
    assert beneficiary.name in page.content()
    no_sideways_scroll(page)
    screenshot(page, "volunteer-my-assignments-390")
    button = page.locator(".assignment-card .work-button").first
    box = button.bounding_box()
    assert box["height"] >= 40 and box["x"] + box["width"] <= PHONE["width"]
    page.goto(reverse("teams:work:log", args=[assignment.pk]))
    page.locator("form.work-form").wait_for()
    no_sideways_scroll(page)
    field = page.locator(f"input[name=hours_{member.pk}]").bounding_box()
    assert field["width"] > 250  # full width of the card, easy to tap
    assert (
        page.locator("input[type=file][name=photos]").get_attribute("accept").startswith("image/")
    )
    screenshot(page, "volunteer-log-work-390")
    page.goto(reverse("teams:work:assignment", args=[assignment.pk]))
    page.locator(".work-photos img").first.wait_for()
    no_sideways_scroll(page)
    # The photo is served through the scoped view and decodes in the browser.
    # (Polled from Python: wait_for_function would eval in the page, which the CSP forbids.)
    photo = page.locator(".work-photos img").first
    for _attempt in range(50):
        if photo.evaluate("img => img.complete && img.naturalWidth > 0"):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the evidence photo did not decode in the browser")
    screenshot(page, "volunteer-assignment-390")
