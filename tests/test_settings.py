"""Production safety of the settings: refused placeholder key, deploy checks, hashers,
sessions, Content-Security-Policy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import project.settings as project_settings

ROOT = Path(__file__).resolve().parent.parent
REAL_KEY = "k7#Qz9!vR2@pL5$wX8^mN3&bT6*yH1(jF4)dG0_sE7+cA2-uZ9=oI5"  # 50+ chars, varied


def run(args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_debug_off_without_secret_key_refuses_to_start():
    result = run(
        ["-c", "import django; django.setup()"],
        DEBUG="0",
        DJANGO_SETTINGS_MODULE="project.settings",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is the development placeholder" in result.stderr


def test_debug_off_with_real_key_passes_the_deploy_check():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="shuangyong.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_development_default_fails_the_deploy_check():
    """The check above can fail: the development defaults do not pass it."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], DEBUG="1")
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout  # DEBUG on


def test_argon2_is_the_first_password_hasher():
    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_sessions_expire_after_30_idle_minutes():
    assert project_settings.SESSION_COOKIE_AGE == 1800
    # Pushed on by cases.sessions.IdleSessionMiddleware, at most once a minute.
    assert project_settings.SESSION_SAVE_EVERY_REQUEST is False
    assert project_settings.SESSION_TOUCH_SECONDS == 60
    assert "cases.sessions.IdleSessionMiddleware" in project_settings.MIDDLEWARE


@pytest.mark.django_db
def test_every_request_pushes_the_session_expiry_on(client_for, case_worker):
    client = client_for(case_worker)
    response = client.get(reverse("registry:beneficiary:index"))
    assert response.status_code == 200
    morsel = response.cookies["sessionid"]
    assert int(morsel["max-age"]) == 1800
    assert morsel["httponly"]


@pytest.mark.django_db
def test_the_expiry_moves_on_at_most_once_a_minute(client_for, case_worker, monkeypatch):
    import time

    client = client_for(case_worker)
    url = reverse("registry:beneficiary:index")
    assert "sessionid" in client.get(url).cookies
    assert "sessionid" not in client.get(url).cookies  # within the minute: no session write
    later = time.time() + 61
    monkeypatch.setattr("cases.sessions.time.time", lambda: later)
    assert int(client.get(url).cookies["sessionid"]["max-age"]) == 1800


def csp_directives(response):
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["login", "registry:beneficiary:index"])
def test_csp_header_allows_only_own_scripts(client_for, case_worker, url_name):
    client = client_for(case_worker)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_pages_carry_no_inline_scripts(client_for, case_worker):
    """CSP would block them in the browser: a page that needs one is broken in production."""
    import re

    page = client_for(case_worker).get(reverse("registry:beneficiary:index")).content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts, "the page loads its scripts"
    inline = [body for attrs, body in scripts if "src=" not in attrs and body.strip()]
    assert inline == []
