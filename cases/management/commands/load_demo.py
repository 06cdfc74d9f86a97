from django.core.management.base import BaseCommand
from django.db import transaction

from cases.demo import registry
from cases.models import Area


class Command(BaseCommand):
    help = "Load the demo county (areas, beneficiaries, teams, one user per role) and print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--beneficiaries", type=int, default=200)

    def handle(self, *args, beneficiaries, **options):
        if Area.objects.filter(code=registry.COUNTY[0]).exists():
            self.stdout.write("Demo data is already loaded.")
        else:
            with transaction.atomic():
                registry.load(beneficiaries=beneficiaries)
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {registry.DEMO_PASSWORD}):")
        for username, full_name, role, _areas in registry.DEMO_USERS:
            self.stdout.write(f"  {username:<12} {full_name}  {role}")
