"""The farming work order (帮耕帮种派工单) for the volunteer team."""

from ..models import FarmingMode, Kind
from . import labels
from .activity import accepted_dispatch, assigned_volunteers
from .common import letterhead, person, yuan, zh_date, zh_datetime

TEMPLATE = "documents/work_order.html"


def gather(assistance_request):
    if assistance_request.kind != Kind.FARMING_HELP:
        raise ValueError("a work order belongs to a farming-help request")
    detail = assistance_request.farming_help
    dispatch = accepted_dispatch(assistance_request)
    if dispatch is None:
        raise ValueError("the request has not been dispatched to a team")
    return {
        "head": letterhead(assistance_request, "派"),
        "household": person(assistance_request.beneficiary),
        "season": labels.SEASON[detail.season],
        "crops": detail.crops,
        "area_mu": detail.area_mu,
        "tasks": detail.tasks,
        "window": f"{zh_date(detail.window_start)}至{zh_date(detail.window_end)}",
        "days": (detail.window_end - detail.window_start).days + 1,
        "person_days": detail.person_days,
        "mode": labels.FARMING_MODE[detail.mode],
        "money": yuan(detail.money_amount) if detail.mode == FarmingMode.MONEY else "",
        "team": dispatch.team.name,
        "team_leader": str(dispatch.team.leader or "—"),
        "dispatched_at": zh_datetime(dispatch.dispatched_at),
        "dispatched_by": str(dispatch.dispatched_by),
        "accepted": dispatch.accepted,
        "note": dispatch.note,
        "volunteers": assigned_volunteers(dispatch),
    }
