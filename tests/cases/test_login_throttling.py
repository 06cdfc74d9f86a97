"""Login throttling (django-axes): 5 failures for one user name from one IP lock that pair
for 15 minutes, even against the right password."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.cases.factories import PASSWORD

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"
OTHER_IP = "198.51.100.23"


def login(username, password, ip=IP):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response, client


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(username, times, ip=IP):
    for _ in range(times):
        response, _client = login(username, "wrong-password", ip)
        assert response.status_code in (200, 429)


def test_right_password_signs_in(case_worker):
    response, client = login(case_worker.username, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_four_failures_do_not_lock(case_worker):
    fail(case_worker.username, 4)
    response, client = login(case_worker.username, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_five_failures_lock_even_the_right_password(case_worker):
    fail(case_worker.username, 5)
    response, client = login(case_worker.username, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)


def test_lock_is_per_ip_address(case_worker):
    fail(case_worker.username, 5)
    response, client = login(case_worker.username, PASSWORD, ip=OTHER_IP)
    assert response.status_code == 302
    assert signed_in(client)


def test_lock_is_per_user_name(case_worker, case_worker_b):
    fail(case_worker.username, 5)
    response, client = login(case_worker_b.username, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def age_attempts(minutes):
    """Move the recorded failures into the past, as if `minutes` had gone by."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


def test_still_locked_before_15_minutes(case_worker):
    fail(case_worker.username, 5)
    age_attempts(14)
    response, client = login(case_worker.username, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)


def test_unlocked_after_the_cool_off(case_worker):
    fail(case_worker.username, 5)
    age_attempts(16)
    response, client = login(case_worker.username, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)
