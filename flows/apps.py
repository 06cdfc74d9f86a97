from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlowsConfig(AppConfig):
    name = "flows"
    verbose_name = _("Assistance flows")

    def ready(self):
        from .titles import title_all_flows

        title_all_flows()
