"""Run `workflow_timers` as if the clock read later: for demos and manual checks only.

    manage.py workflow_timers_at --days 38

Refuses to run with DEBUG off: in production the clock is the clock.
"""

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Fire workflow timers as if it were now + --days/--hours (DEBUG only, for demos)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=float, default=0)
        parser.add_argument("--hours", type=float, default=0)

    def handle(self, *args, days, hours, **options):
        if not settings.DEBUG:
            raise CommandError("workflow_timers_at moves the clock: only with DEBUG on.")
        moment = timezone.now() + timedelta(days=days, hours=hours)
        self.stdout.write(f"Clock moved to {timezone.localtime(moment):%Y-%m-%d %H:%M}")
        with mock.patch("django.utils.timezone.now", return_value=moment):
            call_command("workflow_timers", stdout=self.stdout)
