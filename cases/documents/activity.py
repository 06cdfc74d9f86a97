"""Who did the work and what was done, as the documents show it.

One place gathers it so the documents follow when volunteer assignments and activity records
(服务记录) get their own tables: today a dispatch to a team carries the volunteers (the team's
members) and one delivery record.
"""

from dataclasses import dataclass

from volunteers.models import Membership

from .common import zh_date, zh_datetime


@dataclass
class ActivityRecord:
    date: str
    team: str
    hours: str
    work: str
    confirmed_by: str


def accepted_dispatch(assistance_request):
    """The dispatch the team accepted, else the latest one, else None."""
    dispatches = list(assistance_request.dispatches.select_related("team__leader"))
    return next((d for d in dispatches if d.accepted), dispatches[0] if dispatches else None)


def assigned_volunteers(dispatch):
    """[(name, role, phone, skills)] of the people doing the work, the leader first."""
    if dispatch is None:
        return []
    memberships = (
        Membership.objects.filter(team_id=dispatch.team_id)
        .select_related("volunteer")
        .order_by("volunteer__name")
    )
    return [
        {
            "name": m.volunteer.name,
            "role": "队长" if m.role == Membership.Role.LEADER else "队员",
            "phone": m.volunteer.phone or "—",
            "skills": m.volunteer.skill_labels() or "—",
        }
        for m in sorted(memberships, key=lambda m: m.role != Membership.Role.LEADER)
    ]


def dispatch_rows(assistance_request):
    """派单 history: team, when, by whom, the team's answer."""
    rows = []
    for d in assistance_request.dispatches.select_related(
        "team", "dispatched_by", "responded_by"
    ).order_by("id"):
        if d.accepted is None:
            answer = "待接单"
        elif d.accepted:
            answer = f"已接单（{d.responded_by}，{zh_datetime(d.responded_at)}）"
        else:
            answer = f"拒单：{d.decline_reason}（{d.responded_by}，{zh_datetime(d.responded_at)}）"
        rows.append(
            {
                "team": d.team.name,
                "at": zh_datetime(d.dispatched_at),
                "by": str(d.dispatched_by),
                "note": d.note,
                "answer": answer,
            }
        )
    return rows


def activity_records(assistance_request):
    """服务记录, oldest first; empty when none has been recorded."""
    records = []
    for d in assistance_request.dispatches.select_related("team", "responded_by").order_by("id"):
        if d.delivered_on is None:
            continue
        records.append(
            ActivityRecord(
                date=zh_date(d.delivered_on),
                team=d.team.name,
                hours=f"{d.hours}",
                work=d.work_done,
                confirmed_by=str(d.responded_by or d.team.leader or "—"),
            )
        )
    return records
