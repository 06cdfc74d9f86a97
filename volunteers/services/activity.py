"""服务记录: members on an assignment, a day's work with hours each and photos, the
household's confirmation."""

import re
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.errors import DomainError

from .. import evidence as checks
from ..models import (
    ActivityParticipant,
    ActivityRecord,
    AssignmentMember,
    Evidence,
    Membership,
    Pairing,
    TaskProgress,
)
from .common import (
    decimal_of,
    is_case_worker_for,
    is_leader,
    is_member_of,
    not_future,
    record_event,
    require_leader,
    require_open,
    require_text,
)

MAX_PHOTOS = 6
DAY_HOURS = Decimal("24")


def farming_tasks(assistance_request):
    """The tasks named on a farming request ("收割、插秧" -> ["收割", "插秧"])."""
    if assistance_request.kind != "farming_help":
        return []
    parts = re.split(r"[、,，;；/\s]+", assistance_request.farming_help.tasks)
    return [part for part in (p.strip() for p in parts) if part][:8]


@transaction.atomic
def assign_members(*, by, assignment, volunteers):
    """The team leader names the members who do the work (replacing the previous list)."""
    require_leader(by, assignment.team)
    require_open(assignment)
    volunteers = list(volunteers)
    team_members = set(
        Membership.objects.filter(team=assignment.team).values_list("volunteer_id", flat=True)
    )
    outsiders = [v.name for v in volunteers if v.pk not in team_members]
    if outsiders:
        raise DomainError(
            _("Not members of the team: %(names)s") % {"names": "、".join(outsiders)},
            field="members",
        )
    if not volunteers:
        raise DomainError(_("Choose at least one member."), field="members", code="required")
    before = sorted(assignment.members.values_list("pk", flat=True))
    wanted = {v.pk for v in volunteers}
    AssignmentMember.objects.filter(assignment=assignment).exclude(volunteer__in=wanted).delete()
    AssignmentMember.objects.bulk_create(
        [
            AssignmentMember(assignment=assignment, volunteer_id=pk, assigned_by=by)
            for pk in sorted(wanted - set(before))
        ]
    )
    pairing = Pairing.objects.filter(assignment=assignment, helper__isnull=True).first()
    if pairing is not None:  # the first member named becomes the pairing's helper
        pairing.helper = volunteers[0]
        pairing.save(update_fields=["helper"])
    record_event(
        "assignment.members",
        by=by,
        target=assignment,
        assistance_request=assignment.assistance_request,
        changes={"members": [before, sorted(wanted)]},
    )
    return assignment


def may_log(user, assignment):
    return is_leader(user, assignment.team) or is_member_of(user, assignment)


def _season_of(assistance_request, day):
    if assistance_request.kind == "farming_help":
        return assistance_request.farming_help.season
    return ""


def new_record(*, by, assignment, day, work_done, hours, notes="", pairing=None):
    """The row itself (no checks): used by log_activity and by the delivery step."""
    assistance_request = assignment.assistance_request
    if pairing is None and assistance_request.kind == "one_on_one":  # only pairings have one
        pairing = Pairing.objects.filter(assignment=assignment).first()
    record = ActivityRecord.objects.create(
        assignment=assignment,
        assistance_request=assistance_request,
        team=assignment.team,
        pairing=pairing,
        date=day,
        year=day.year,
        season=_season_of(assistance_request, day),
        work_done=work_done,
        notes=notes,
        hours=hours,
        recorded_by=by,
    )
    if pairing is not None and (pairing.last_visit_on is None or day > pairing.last_visit_on):
        pairing.last_visit_on = day
        pairing.save(update_fields=["last_visit_on"])
    return record


def _check_participants(assignment, participants):
    if not participants:
        raise DomainError(
            _("Name at least one volunteer present."), field="participants", code="required"
        )
    members = {v.pk for v in assignment.members.all()}
    checked, seen = [], set()
    for volunteer, hours in participants:
        if volunteer.pk not in members:
            raise DomainError(
                _("%(name)s is not on this assignment.") % {"name": volunteer.name},
                field="participants",
            )
        if volunteer.pk in seen:
            raise DomainError(
                _("%(name)s is listed twice.") % {"name": volunteer.name}, field="participants"
            )
        seen.add(volunteer.pk)
        hours = decimal_of(
            hours,
            "participants",
            minimum=Decimal("0.5"),
            maximum=DAY_HOURS,
            message=_("Hours for each person are 0.5 to 24."),
        )
        checked.append((volunteer, hours))
    return checked


def _check_progress(assignment, mu_by_task):
    tasks = farming_tasks(assignment.assistance_request)
    if not tasks or not mu_by_task:
        return []
    detail = assignment.assistance_request.farming_help
    done = dict(
        TaskProgress.objects.filter(
            record__assignment__assistance_request=detail.assistance_request
        )
        .values_list("task")
        .annotate(total=Sum("mu"))
    )
    rows = []
    for task, mu in mu_by_task.items():
        if task not in tasks:
            raise DomainError(_("Unknown task %(task)s.") % {"task": task}, field="mu")
        if mu in (None, ""):
            continue
        mu = decimal_of(mu, "mu", message=_("Mu done cannot be negative."))
        if done.get(task, Decimal("0")) + mu > detail.area_mu:
            raise DomainError(
                _("%(task)s: more than the %(area)s mu of the request.")
                % {"task": task, "area": detail.area_mu},
                field="mu",
            )
        if mu:
            rows.append((task, mu))
    return rows


def _check_day(assignment, day):
    not_future(day, "date")
    start = assignment.accepted_at or assignment.offered_at
    if start and day < timezone.localtime(start).date():
        raise DomainError(_("The work cannot be before the team took it on."), field="date")
    return day


@transaction.atomic
def log_activity(
    *, by, assignment, date, work_done, participants, notes="", mu_by_task=None, photos=()
):
    """A day's work: date, who was there and their hours, what was done (mu per task for
    farming), notes and photos. Every photo is checked before anything is saved."""
    if not may_log(by, assignment):
        raise DomainError(
            _("Only the team leader or a member on this assignment can log work."),
            code="forbidden",
        )
    require_open(assignment)
    _check_day(assignment, date)
    work_done = require_text(work_done, "work_done")
    checked = _check_participants(assignment, participants)
    progress = _check_progress(assignment, mu_by_task or {})
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise DomainError(_("At most %(n)s photos at a time.") % {"n": MAX_PHOTOS}, field="photos")
    images = [checks.check_image(photo) for photo in photos]
    total = sum((hours for _v, hours in checked), Decimal("0"))
    record = new_record(
        by=by, assignment=assignment, day=date, work_done=work_done, hours=total, notes=notes
    )
    ActivityParticipant.objects.bulk_create(
        [ActivityParticipant(record=record, volunteer=v, hours=h) for v, h in checked]
    )
    TaskProgress.objects.bulk_create(
        [TaskProgress(record=record, task=t, mu=mu) for t, mu in progress]
    )
    _store_all(record, images, by)
    record_event(
        "activity.logged",
        by=by,
        target=record,
        assistance_request=assignment.assistance_request,
        reason=work_done,
        changes={
            "date": [None, date.isoformat()],
            "hours": [None, {v.pk: str(h) for v, h in checked}],
            "mu": [None, {t: str(mu) for t, mu in progress}],
            "photos": [None, len(images)],
        },
    )
    return record


def _store(record, image, by):
    evidence = Evidence(
        record=record,
        image_format=image.image_format,
        original_name=image.original_name,
        size=image.size,
        width=image.width,
        height=image.height,
        sha256=image.sha256,
        latitude=image.latitude,
        longitude=image.longitude,
        taken_at=image.taken_at,
        uploaded_by=by,
    )
    evidence.image.save("upload", ContentFile(image.content), save=False)
    try:
        evidence.save()
    except Exception:
        evidence.image.delete(save=False)
        raise
    return evidence


def _store_all(record, images, by):
    """Store the photos; if one fails, remove the files already written, then fail."""
    stored = []
    try:
        for image in images:
            stored.append(_store(record, image, by))
    except Exception:
        for evidence in stored:
            evidence.image.delete(save=False)
        raise
    return stored


@transaction.atomic
def add_evidence(*, by, record, photos):
    """More photos for a record already logged."""
    if not may_log(by, record.assignment):
        raise DomainError(_("Only the team can add photos."), code="forbidden")
    photos = list(photos)
    if not photos:
        raise DomainError(_("Choose a photo."), field="photos", code="required")
    if record.evidence.count() + len(photos) > 3 * MAX_PHOTOS:
        raise DomainError(_("This record has enough photos."), field="photos")
    images = [checks.check_image(photo) for photo in photos]
    stored = _store_all(record, images, by)
    record_event(
        "activity.photos_added",
        by=by,
        target=record,
        assistance_request=record.assistance_request,
        changes={"photos": [None, [e.pk for e in stored]]},
    )
    return stored


@transaction.atomic
def confirm_activity(*, by, record, confirmed_by_name, confirmed_at=None):
    """户主确认: the household member who confirmed the work, and when."""
    assignment = record.assignment
    if not (may_log(by, assignment) or is_case_worker_for(by, record.assistance_request)):
        raise DomainError(_("You cannot record this confirmation."), code="forbidden")
    if record.is_confirmed:
        raise DomainError(_("This record is already confirmed."), code="wrong_status")
    name = require_text(confirmed_by_name, "confirmed_by_name")[:50]
    confirmed_at = confirmed_at or timezone.now()
    if confirmed_at > timezone.now():
        raise DomainError(_("The time cannot be in the future."), field="confirmed_at")
    if timezone.localtime(confirmed_at).date() < record.date:
        raise DomainError(_("The household cannot confirm before the work."), field="confirmed_at")
    record.confirmed_by_name, record.confirmed_at = name, confirmed_at
    record.confirmation_recorded_by = by
    record.save(update_fields=["confirmed_by_name", "confirmed_at", "confirmation_recorded_by"])
    record_event(
        "activity.confirmed",
        by=by,
        target=record,
        assistance_request=record.assistance_request,
        changes={"confirmed_by_name": ["", name], "confirmed_at": [None, confirmed_at.isoformat()]},
    )
    return record
