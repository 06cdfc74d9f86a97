from django import template
from django.utils.translation import gettext_lazy as _

from cases.roles import ROLE_LABELS, roles_of

register = template.Library()


@register.simple_tag
def role_labels(user):
    """The user's roles in the current language, e.g. "经办人 · 审批人"."""
    return " · ".join(
        str(ROLE_LABELS[role]) for role in sorted(roles_of(user)) if role in ROLE_LABELS
    )


# What each kind of case event is called on screen (the code stays in the record).
EVENT_TITLES = {
    "request.submitted": _("Registered (受理)"),
    "request.verified": _("Verified (调查核实)"),
    "request.approved.level1": _("Approved at the first level (审批同意)"),
    "request.approved.level2": _("Approved by the leader (领导审批同意)"),
    "request.rejected.level1": _("Rejected (驳回)"),
    "request.rejected.level2": _("Rejected by the leader (领导驳回)"),
    "request.returned.level1": _("Returned for more information (退回补充)"),
    "request.returned.level2": _("Returned by the leader (领导退回补充)"),
    "request.answered": _("More information given (已补充材料)"),
    "request.withdrawn": _("Withdrawn (撤回)"),
    "request.cancelled": _("Cancelled (撤销)"),
    "request.dispatched": _("Dispatched (派单)"),
    "request.accepted": _("Accepted by the team (接单)"),
    "request.declined": _("Declined by the team (拒单)"),
    "request.offer_expired": _("Offer expired (派单超时)"),
    "request.delivered": _("Work done confirmed (服务记录)"),
    "request.filed": _("Filed with the court (递交法院)"),
    "request.court_decided": _("Court's decision recorded (法院决定)"),
    "request.followed_up": _("Followed up (回访)"),
    "request.closed": _("Closed (结案)"),
    "task.reminded": _("Reminder (催办)"),
    "task.escalated": _("Overdue, reported to the leaders (逾期上报)"),
    "payment.recorded": _("Money in lieu paid (以资代劳)"),
    "payment.acknowledged": _("Receipt acknowledged (签收)"),
    "activity.logged": _("Activity logged (服务记录)"),
    "activity.confirmed": _("Household confirmed (户主确认)"),
    "activity.photos_added": _("Photos added"),
    "assignment.members": _("Members assigned"),
    "pairing.handed_over": _("Pairing handed over (移交)"),
    "pairing.visit_missed": _("Visit missed (漏访)"),
    "id_number.revealed": _("Full ID number viewed"),
    "document.rendered": _("Document made"),
    "beneficiary.registered": _("Beneficiary registered"),
    "beneficiary.updated": _("Beneficiary updated"),
}


@register.filter
def event_title(kind):
    """The on-screen name of a case event kind ("request.verified" -> "调查核实")."""
    return EVENT_TITLES.get(kind, kind)


@register.filter
def season_label(value):
    """A farming season's name ("autumn" -> "秋收秋种"); other values pass through."""
    from cases.models import Season

    return Season(value).label if value in Season.values else value
