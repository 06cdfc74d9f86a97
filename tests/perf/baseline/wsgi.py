"""The bare baseline served by gunicorn for the page benchmark's floor (tests/perf/run.py)."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
