"""The project's settings as served under load by tests/perf/run.py (DEBUG off).

Only the static files differ: hashed names without WhiteNoise's gzip/brotli copies and in
test-output/, so the first benchmark run of a fresh clone does not spend minutes
compressing assets that the page benchmark never requests.
"""

from project.settings import *  # noqa: F403
from project.settings import BASE_DIR

STATIC_ROOT = BASE_DIR / "test-output" / "perf" / "static"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
