from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Casework")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from .roles import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self)
