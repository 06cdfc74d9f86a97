from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from cases.demo import casework, registry
from cases.models import Area
from volunteers import demo as volunteer_work


class Command(BaseCommand):
    help = (
        "Load the demo county (areas, beneficiaries, teams, one user per role) and requests "
        "of every kind in every stage, then print the logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--beneficiaries", type=int, default=200)

    def handle(self, *args, beneficiaries, **options):
        if Area.objects.filter(code=registry.COUNTY[0]).exists():
            self.stdout.write("Demo data is already loaded.")
        else:
            # What the demo people write (checklists, reminders) is stored in the office's
            # language, as it would be when they use the site.
            with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
                users = registry.load(beneficiaries=beneficiaries)
                requests = casework.load(users)
                volunteer_work.load_work()
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded: {len(requests)} assistance requests.")
            )
        self.stdout.write(f"Demo logins (password for all: {registry.DEMO_PASSWORD}):")
        for username, full_name, role, _areas in registry.DEMO_USERS:
            self.stdout.write(f"  {username:<12} {full_name}  {role}")
