"""Titles for the nodes nobody names on screen: starts, gateways, timers, ends.

Viewflow titles an unannotated node after its name ("After First", "Verify  Timeout"), and
the process page and the task lists show those words. Nodes annotated in the flow modules
keep their own titles; the rest get one from here when the app is ready.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

TITLES = {
    "register": _("Registered (受理)"),
    "after_first": _("After the first-level sign-off"),
    "after_second": _("After the second-level sign-off"),
    "after_accept": _("After the team's answer"),
    "refused": _("Rejected (不予帮扶)"),
    "end": _("Finished (办结)"),
    "remind": _("Send a reminder (催办)"),
    "escalate": _("Report to the leaders (逾期上报)"),
    "reminded": _("Reminder sent"),
    "expire_offer": _("The offer lapses"),
    "start_pairing": _("The pairing starts (结对)"),
    "visits_go_on": _("Visits go on"),
    "visits_over": _("Visits are over"),
}
# "<step>__timeout", "<step>__timeout_2": the step's first and second deadline.
TIMEOUTS = {
    "__timeout": _("{step}: reminder due"),
    "__timeout_2": _("{step}: escalation due"),
}


def _default_title(node):
    return node.name.replace("_", " ").title()


def title_nodes(flow_class):
    nodes = {node.name: node for node in flow_class.instance.nodes()}
    for name, node in nodes.items():
        if str(node.task_title) != _default_title(node):
            continue  # annotated in the flow module
        if name in TITLES:
            node.task_title = TITLES[name]
            continue
        host, sep, suffix = name.partition("__")
        pattern = TIMEOUTS.get(sep + suffix)
        if pattern is not None and host in nodes:
            node.task_title = format_lazy(pattern, step=nodes[host].task_title)


def title_all_flows():
    from cases.models import Kind

    from .runner import flow_for

    for kind in Kind:
        title_nodes(flow_for(kind))
