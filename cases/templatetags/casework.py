from django import template

from cases.roles import ROLE_LABELS, roles_of

register = template.Library()


@register.simple_tag
def role_labels(user):
    """The user's roles in the current language, e.g. "经办人 · 审批人"."""
    return " · ".join(
        str(ROLE_LABELS[role]) for role in sorted(roles_of(user)) if role in ROLE_LABELS
    )
