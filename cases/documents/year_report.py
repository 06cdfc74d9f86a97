"""The year-end statistics report of an area (年度双拥帮扶工作统计报告).

Requests registered in the year in the area and below: by kind, status, outcome and town;
days per stage (from the case history); the share finished on time; follow-ups done;
volunteer hours. Charts are SVG drawn in `charts.py`.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from statistics import mean, median

from django.db.models import Sum
from django.utils import timezone

from ..models import (
    AssistanceRequest,
    CaseEvent,
    Dispatch,
    FollowUp,
    Kind,
    OfficeSettings,
    Outcome,
    Status,
)
from . import charts, labels
from .common import issuing_office, zh_date
from .render import render

TEMPLATE = "documents/year_report.html"


@dataclass(frozen=True)
class Stage:
    name: str
    starts: tuple[str, ...]  # event kinds that start it (the first one counts)
    ends: tuple[str, ...]  # event kinds that end it (the first after the start counts)
    allowance: str  # OfficeSettings field with the days allowed


APPROVED = ("request.approved.level1", "request.approved.level2")
STAGES = [
    Stage("调查核实", ("request.submitted",), ("request.verified",), "verification_days"),
    Stage(
        "审批",
        ("request.verified",),
        (*APPROVED, "request.rejected.level1", "request.rejected.level2"),
        "sign_off_days",
    ),
    Stage("派单", APPROVED, ("request.dispatched",), "step_days"),
    Stage("接单", ("request.dispatched",), ("request.accepted",), "step_days"),
    Stage("服务", ("request.accepted",), ("request.delivered",), "step_days"),
    Stage(
        "回访",
        ("request.delivered", "request.court_decided"),
        ("request.followed_up",),
        "step_days",
    ),
    Stage("结案", ("request.followed_up",), ("request.closed",), "step_days"),
]
STATUS_GROUPS = {
    "办理中": set(Status) - {Status.CLOSED, Status.REJECTED, Status.WITHDRAWN, Status.CANCELLED},
    "已结案": {Status.CLOSED},
    "不予帮扶": {Status.REJECTED},
    "撤回/撤销": {Status.WITHDRAWN, Status.CANCELLED},
}


def _requests(area, year):
    return AssistanceRequest.objects.filter(
        area__path__startswith=area.path, submitted_at__year=year
    )


def _events_by_request(request_ids):
    """{request id: [(kind, at)]} for the events that mark stages, oldest first."""
    kinds = {kind for stage in STAGES for kind in (*stage.starts, *stage.ends)}
    events = defaultdict(list)
    rows = (
        CaseEvent.objects.filter(assistance_request_id__in=request_ids, kind__in=kinds)
        .order_by("id")
        .values_list("assistance_request_id", "kind", "at")
    )
    for request_id, kind, at in rows:
        events[request_id].append((kind, at))
    return events


def stage_days(events, stage):
    """Days the stage took in one case (None if it has not happened)."""
    start = next((at for kind, at in events if kind in stage.starts), None)
    if start is None:
        return None
    end = next((at for kind, at in events if kind in stage.ends and at >= start), None)
    if end is None:
        return None
    return (end - start).total_seconds() / 86400


def stage_statistics(events_by_request, settings):
    rows, late_requests = [], set()
    for stage in STAGES:
        allowed = getattr(settings, stage.allowance)
        durations = []
        for request_id, events in events_by_request.items():
            days = stage_days(events, stage)
            if days is None:
                continue
            durations.append(days)
            if days > allowed:
                late_requests.add(request_id)
        rows.append(
            {
                "name": stage.name,
                "count": len(durations),
                "mean": round(mean(durations), 1) if durations else 0,
                "median": round(median(durations), 1) if durations else 0,
                "max": round(max(durations), 1) if durations else 0,
                "allowed": allowed,
                "late": sum(1 for d in durations if d > allowed),
            }
        )
    return rows, late_requests


def _town_of(area, report_area):
    """The level below the report's area that `area` lies in (its name)."""
    parts = area.path.strip("/").split("/")
    depth = len(report_area.path.strip("/").split("/"))
    return parts[depth] if len(parts) > depth else parts[-1]


def gather(area, year, progress=None):
    def step(percent, text):
        if progress:
            progress(percent, text)

    step(2, "统计申请")
    requests = list(_requests(area, year).select_related("area").order_by("id"))
    ids = [r.pk for r in requests]
    by_kind = Counter(r.kind for r in requests)
    by_status = Counter(r.status for r in requests)
    groups = {name: sum(by_status[s] for s in statuses) for name, statuses in STATUS_GROUPS.items()}
    children = {a.code: a.name for a in area.children.all()}
    by_town = Counter(children.get(_town_of(r.area, area), area.name) for r in requests)

    outcomes = Counter(
        Outcome.objects.filter(assistance_request_id__in=ids).values_list("result", flat=True)
    )
    step(4, "统计各环节用时")
    events = _events_by_request(ids)
    settings = OfficeSettings.current()
    stages, late = stage_statistics(events, settings)
    closed = [r.pk for r in requests if r.status == Status.CLOSED]
    on_time = sum(1 for pk in closed if pk not in late)

    step(6, "统计回访与志愿服务")
    follow_ups = FollowUp.objects.filter(assistance_request_id__in=ids)
    follow_total = follow_ups.count()
    follow_done = follow_ups.filter(done_on__isnull=False).count()
    follow_due = follow_ups.filter(due__lte=timezone.localdate()).count()
    hours_by_team = (
        Dispatch.objects.filter(assistance_request_id__in=ids, hours__isnull=False)
        .values_list("team__name")
        .annotate(total=Sum("hours"))
        .order_by("-total")
    )
    hours_rows = [(name, float(total)) for name, total in hours_by_team]
    total_hours = sum((Decimal(str(h)) for _n, h in hours_rows), Decimal("0"))
    money = sum((r.amount for r in requests if r.status == Status.CLOSED), Decimal("0"))

    kinds = [(labels.KIND[k].split("（")[0], by_kind[k]) for k in Kind]
    return {
        "office": issuing_office(area),
        "area": area.name,
        "year": year,
        "date": zh_date(timezone.localdate()),
        "total": len(requests),
        "by_kind": kinds,
        "by_status": [(labels.STATUS[s], by_status[s]) for s in Status if by_status[s]],
        "status_groups": list(groups.items()),
        "by_town": sorted(by_town.items(), key=lambda item: -item[1]),
        "outcomes": [(labels.RESULT[r], outcomes[r]) for r in Outcome.Result],
        "stages": stages,
        "closed": len(closed),
        "on_time": on_time,
        "on_time_share": f"{on_time / len(closed):.0%}" if closed else "—",
        "follow_total": follow_total,
        "follow_done": follow_done,
        "follow_due": follow_due,
        "hours_rows": hours_rows,
        "total_hours": f"{total_hours:g}",
        "money": f"{money:,.2f}元",
        "chart_kind": charts.bar_chart(kinds, unit="件"),
        "chart_status": charts.bar_chart(list(groups.items()), unit="件"),
        "chart_outcome": charts.bar_chart(
            [(labels.RESULT[r], outcomes[r]) for r in Outcome.Result], unit="件"
        ),
        "chart_stages": charts.hbar_chart([(s["name"], s["mean"]) for s in stages], unit="天"),
        "chart_on_time": charts.share_bar(on_time, len(closed), label="按期办结率 "),
        "chart_follow": charts.share_bar(follow_done, follow_total, label="回访完成率 "),
        "chart_hours": charts.hbar_chart(hours_rows, unit="小时", label_width=200),
    }


def render_year_report(area, year, progress=None, *, strict=False):
    context = gather(area, year, progress)

    def rendering(percent, text):
        if progress:
            progress(10 + percent * 85 // 100, text)

    return render(TEMPLATE, context, strict=strict, progress=rendering)
