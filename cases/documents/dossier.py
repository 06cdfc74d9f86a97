"""The case dossier for inspection (案卷): cover, contents, every record of the case, the full
timeline, and whether the history's hash chain is intact."""

from contextlib import suppress
from datetime import datetime

from django.utils import timezone

from ..models import Kind
from . import labels
from .activity import activity_records, dispatch_rows
from .common import county_of, issuing_office, person, yuan, zh_date, zh_datetime
from .notices import sign_offs, what_was_granted
from .render import render

TEMPLATE = "documents/dossier.html"
SECTIONS = [
    ("request", "一、申请受理"),
    ("verification", "二、调查核实"),
    ("decisions", "三、审批"),
    ("activity", "四、派单与服务记录"),
    ("court", "五、法院决定"),
    ("follow-ups", "六、回访"),
    ("outcome", "七、结案"),
    ("timeline", "八、全程记录"),
    ("integrity", "九、记录完整性校验"),
]
CHANGE_LIMIT = 6  # changes shown per timeline row; the rest are counted


def history_verification(assistance_request):
    """The chain check of this case's events, as the dossier prints it."""
    try:
        from ..chain import verify_case
    except ImportError:  # the audit chain is not installed: say so, never claim "intact"
        return {"available": False}
    report = verify_case(assistance_request)
    return {
        "available": True,
        "ok": report.ok,
        "checked": report.checked,
        "broken_event_id": report.broken_event_id,
        "expected": report.expected,
        "found": report.found,
        "problem": getattr(report, "problem", ""),
        "checked_at": zh_datetime(timezone.now()),
    }


def _changes(changes):
    shown = []
    for field, values in list(changes.items())[:CHANGE_LIMIT]:
        name = labels.FIELD.get(field, field)
        if not (isinstance(values, list) and len(values) == 2):
            shown.append(f"{name}：{_short(values)}")
            continue
        old, new = values
        if field == "status":
            old, new = labels.STATUS.get(old, old), labels.STATUS.get(new, new)
        elif field == "kind":
            old, new = labels.KIND.get(old, old), labels.KIND.get(new, new)
        shown.append(f"{name}：{_short(old)} → {_short(new)}")
    if len(changes) > CHANGE_LIMIT:
        shown.append(f"等{len(changes)}项")
    return shown


def _short(value, limit=40):
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        with suppress(ValueError):
            return zh_datetime(datetime.fromisoformat(value))
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline(assistance_request):
    events = assistance_request.events.select_related("actor").order_by("id")
    return [
        {
            "number": index,
            "at": zh_datetime(event.at),
            "what": labels.EVENT.get(event.kind, event.kind),
            "by": str(event.actor or "系统"),
            "reason": event.reason,
            "changes": _changes(event.changes or {}),
        }
        for index, event in enumerate(events, start=1)
    ]


def verifications(assistance_request):
    return [
        {
            "visit_date": zh_date(v.visit_date),
            "by": str(v.verified_by),
            "at": zh_datetime(v.created_at),
            "verified": "属实" if v.verified else "不属实",
            "findings": v.findings,
            "checklist": [
                {"item": entry.get("item", ""), "received": bool(entry.get("received"))}
                for entry in v.checklist
            ],
        }
        for v in assistance_request.verifications.select_related("verified_by").order_by("id")
    ]


def follow_ups(assistance_request):
    return [
        {
            "due": zh_date(f.due),
            "done_on": zh_date(f.done_on) if f.done_on else "未完成",
            "method": labels.FOLLOW_UP_METHOD.get(f.method, f.method),
            "findings": f.findings,
            "satisfaction": f.satisfaction or "—",
            "by": str(f.recorded_by or "—"),
        }
        for f in assistance_request.follow_ups.select_related("recorded_by")
    ]


def court(assistance_request):
    if assistance_request.kind != Kind.FEE_WAIVER:
        return None
    detail = assistance_request.fee_waiver
    return {
        "court": detail.court,
        "case_number": detail.case_number or "—",
        "filed_on": zh_date(detail.filed_on) if detail.filed_on else "未递交",
        "decision": labels.COURT_DECISION.get(detail.court_decision, "尚未决定"),
        "amount": yuan(detail.court_relief_amount)
        if detail.court_relief_amount is not None
        else "—",
        "decided_on": zh_date(detail.court_decided_on) if detail.court_decided_on else "—",
    }


def outcome(assistance_request):
    record = getattr(assistance_request, "outcome", None)
    if record is None:
        return None
    return {
        "result": labels.RESULT[record.result],
        "amount": yuan(record.amount_delivered),
        "summary": record.summary,
        "by": str(record.closed_by),
        "at": zh_datetime(record.closed_at),
    }


def gather(assistance_request, progress=None):
    """Everything the dossier prints. `progress(percent, step)` is told as parts are read."""

    def step(percent, text):
        if progress:
            progress(percent, text)

    ar = assistance_request
    area = ar.area
    step(2, "读取申请")
    context = {
        "office": issuing_office(area),
        "archive_number": f"{county_of(area).name[:1]}双拥档〔{ar.submitted_at.year}〕{ar.pk}号",
        "title": f"{ar.beneficiary.name}{labels.KIND[ar.kind]}案卷",
        "person": person(ar.beneficiary),
        "area": f"{area.parent.name if area.parent else ''}{area.name}",
        "kind": labels.KIND[ar.kind],
        "status": labels.STATUS[ar.status],
        "number": ar.pk,
        "summary": ar.summary,
        "amount": yuan(ar.amount),
        "submitted_by": str(ar.submitted_by),
        "submitted_at": zh_datetime(ar.submitted_at),
        "closed_at": zh_datetime(ar.closed_at) if ar.closed_at else "未办结",
        "suggested": _suggestion(ar),
        "override_reason": ar.override_reason,
        "details": what_was_granted(ar),
        "compiled_on": zh_date(timezone.localdate()),
        "sections": SECTIONS,
    }
    step(4, "读取核实与审批")
    context["verifications"] = verifications(ar)
    context["sign_offs"] = sign_offs(ar)
    context["dispatches"] = dispatch_rows(ar)
    context["activity"] = activity_records(ar)
    context["court"] = court(ar)
    context["follow_ups"] = follow_ups(ar)
    context["outcome"] = outcome(ar)
    step(6, "读取全程记录")
    context["timeline"] = timeline(ar)
    step(8, "校验记录完整性")
    context["integrity"] = history_verification(ar)
    return context


def _suggestion(ar):
    if ar.kind != Kind.FEE_WAIVER or not ar.suggested_relief:
        return ""
    article, words, relief = labels.legal_ground(ar.suggested_ground, ar.suggested_relief)
    return f"{relief}（{labels.DECREE}{article}：{words}）"


def render_dossier(assistance_request, progress=None, *, strict=False):
    """Gather and render; `progress` hears about both, 0-100."""
    context = gather(assistance_request, progress)

    def rendering(percent, text):
        if progress:
            progress(10 + percent * 85 // 100, text)

    return render(TEMPLATE, context, strict=strict, progress=rendering)
