"""Row visibility for teams and volunteers (see cases.selectors for the rules' shape).

Staff see the teams of their areas; a team leader sees the teams they lead; a volunteer
sees the teams they belong to.
"""

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from cases.roles import AREA_ROLES, TEAM_LEADER, roles_of
from cases.selectors import sees_everything, within_areas

from .models import (
    ActivityParticipant,
    ActivityRecord,
    Assignment,
    Evidence,
    Membership,
    MoneyInLieuPayment,
    Pairing,
    Skill,
    Team,
    Volunteer,
)


def _team_filter(user):
    if sees_everything(user):
        return Q()
    if not user.is_authenticated:
        return None
    q = Q(pk__in=[])
    if roles_of(user) & AREA_ROLES:
        q |= within_areas(user)
    q |= Q(leader=user) | Q(membership__volunteer__user=user)
    return q


def teams_visible_to(user):
    teams = Team.objects.select_related("area", "leader")
    q = _team_filter(user)
    if q is None:
        return teams.none()
    if q == Q():
        return teams
    return teams.filter(pk__in=Team.objects.filter(q).values("pk"))


def volunteers_visible_to(user):
    volunteers = Volunteer.objects.all()
    if sees_everything(user):
        return volunteers
    if not user.is_authenticated:
        return volunteers.none()
    visible_teams = teams_visible_to(user).values("pk")
    q = Q(membership__team__in=visible_teams) | Q(user=user)
    if roles_of(user) & (AREA_ROLES | {TEAM_LEADER}):
        q |= within_areas(user, prefix="areas__")
    return volunteers.filter(pk__in=Volunteer.objects.filter(q).values("pk"))


def memberships_visible_to(user):
    # Membership has no default ordering; without one, pages of the list overlap.
    memberships = Membership.objects.select_related("team", "volunteer").order_by(
        "team__name", "volunteer__name", "pk"
    )
    if sees_everything(user):
        return memberships
    return memberships.filter(team__in=teams_visible_to(user).values("pk"))


# Work: assignments, activity records, pairings, payments ---------------------------------


def _work_filter(user, prefix=""):
    """Rows of work a user may see: staff by the request's area, a team leader the work of
    the teams they lead, a volunteer the assignments they are on. None: nothing."""
    if sees_everything(user):
        return Q()
    if not user.is_authenticated:
        return None
    q = Q(pk__in=[])
    if roles_of(user) & AREA_ROLES:
        q |= within_areas(user, prefix=f"{prefix}assistance_request__area__")
    q |= Q(**{f"{prefix}team__leader": user})
    q |= Q(**{f"{prefix}members__user": user})
    return q


def _scoped(queryset, model, q):
    if q is None:
        return queryset.none()
    if q == Q():
        return queryset
    return queryset.filter(pk__in=model.objects.filter(q).values("pk"))


def assignments_visible_to(user):
    queryset = Assignment.objects.select_related(
        "team", "assistance_request__beneficiary", "assistance_request__area"
    ).order_by("-id")
    return _scoped(queryset, Assignment, _work_filter(user))


def activity_records_visible_to(user):
    queryset = ActivityRecord.objects.select_related("team", "assistance_request").order_by(
        "-date", "-id"
    )
    visible = assignments_visible_to(user).values("pk")
    return queryset.filter(assignment__in=visible)


def evidence_visible_to(user):
    return Evidence.objects.filter(record__in=activity_records_visible_to(user).values("pk"))


def pairings_visible_to(user):
    queryset = Pairing.objects.select_related(
        "team__leader", "helper", "assistance_request__beneficiary", "assistance_request__area"
    ).order_by("-id")
    q = _work_filter(user, prefix="assignment__")
    if q is not None and q != Q():
        q |= Q(helper__user=user)
    return _scoped(queryset, Pairing, q)


def payments_visible_to(user):
    from cases.selectors import assistance_requests_visible_to

    return MoneyInLieuPayment.objects.filter(
        assistance_request__in=assistance_requests_visible_to(user).values("pk")
    )


def my_assignments(user):
    """The open work of a volunteer (assignments they are on) or of a team leader (of the
    teams they lead), for the phone page: newest first, with what the cards show."""
    queryset = (
        Assignment.objects.filter(status__in=[Assignment.Status.OPEN, Assignment.Status.OFFERED])
        .filter(Q(team__leader=user) | Q(members__user=user))
        .distinct()
        .select_related(
            "team",
            "assistance_request__beneficiary",
            "assistance_request__area",
            "assistance_request__farming_help",
            "assistance_request__one_on_one",
        )
        .annotate(
            record_count=Count("activity_records", distinct=True),
            hours_total=Sum("activity_records__hours"),
        )
        .prefetch_related("members")
        .order_by("-id")
    )
    return queryset if user.is_authenticated else queryset.none()


# Suggesting teams (see volunteers.matching) -----------------------------------------------

SKILLS_BY_HARDSHIP = {
    "medical": [Skill.MEDICAL, Skill.CARE],
    "housing": [Skill.REPAIRS],
    "living": [Skill.FARMING, Skill.CARE],
    "labour": [Skill.FARMING],
}


def skills_needed(assistance_request):
    kind = assistance_request.kind
    if kind == "farming_help":
        return [Skill.FARMING]
    if kind == "fee_waiver":
        return [Skill.LEGAL]
    detail = assistance_request.one_on_one
    skills = list(SKILLS_BY_HARDSHIP.get(detail.hardship_type, []))
    if detail.help_labour and Skill.FARMING not in skills:
        skills.append(Skill.FARMING)
    return skills


def window_of(assistance_request):
    """(start, end or None) the work occupies: the farming window, the pairing term, or from
    today on for other kinds."""
    if assistance_request.kind == "farming_help":
        detail = assistance_request.farming_help
        return detail.window_start, detail.window_end
    if assistance_request.kind == "one_on_one":
        detail = assistance_request.one_on_one
        return detail.term_start, detail.term_end
    return timezone.localdate(), None


def overlapping(start, end, prefix=""):
    q = Q(**{f"{prefix}ends_on__gte": start}) | Q(**{f"{prefix}ends_on__isnull": True})
    if end is not None:
        q &= Q(**{f"{prefix}starts_on__lte": end})
    return q


def team_candidates(user, assistance_request):
    """(Candidate list, skills label) for the active teams the user may dispatch to."""
    from .matching import Candidate

    start, end = window_of(assistance_request)
    load = Count(
        "assignments",
        filter=Q(assignments__status__in=Assignment.LOAD)
        & overlapping(start, end, "assignments__")
        & ~Q(assignments__assistance_request=assistance_request),
        distinct=True,
    )
    teams = (
        teams_visible_to(user)
        .filter(active=True, leader__isnull=False)
        .annotate(load=load)
        .prefetch_related("volunteers")
    )
    skills = skills_needed(assistance_request)
    declined = {
        dispatch.team_id: dispatch.decline_reason
        for dispatch in assistance_request.dispatches.filter(accepted=False)
    }
    candidates = []
    for team in teams:
        volunteers = list(team.volunteers.all())
        candidates.append(
            Candidate(
                team_id=team.pk,
                name=team.name,
                area_path=team.area.path,
                area_name=team.area.name,
                capacity=team.capacity,
                load=team.load,
                members=len(volunteers),
                skilled=sum(1 for v in volunteers if set(v.skills) & set(skills)),
                declined=declined.get(team.pk, ""),
            )
        )
    label = "、".join(str(Skill(s).label) for s in skills)
    return candidates, label


# What one request's volunteer work looks like (case page, delivery step, assignment page) --


def records_with_details(queryset):
    return queryset.select_related("recorded_by", "confirmation_recorded_by").prefetch_related(
        Prefetch(
            "activityparticipant_set",
            queryset=ActivityParticipant.objects.select_related("volunteer").order_by(
                "volunteer__name"
            ),
        ),
        "evidence",
        "progress",
    )


def work_summary(assistance_request):
    """Records, totals, payments, pairing and assignments of one request (fixed queries)."""
    records = list(
        records_with_details(
            ActivityRecord.objects.filter(assistance_request=assistance_request).order_by(
                "date", "id"
            )
        )
    )
    by_volunteer, mu_by_task = {}, {}
    for record in records:
        for row in record.activityparticipant_set.all():
            by_volunteer[row.volunteer.name] = by_volunteer.get(row.volunteer.name, 0) + row.hours
        for progress in record.progress.all():
            mu_by_task[progress.task] = mu_by_task.get(progress.task, 0) + progress.mu
    pairing = (
        Pairing.objects.filter(assistance_request=assistance_request)
        .select_related("team__leader", "helper")
        .prefetch_related("handovers__from_team", "handovers__to_team", "handovers__handed_over_by")
        .first()
    )
    return {
        "records": records,
        "hours_total": sum((r.hours for r in records), 0),
        "hours_by_volunteer": sorted(by_volunteer.items()),
        "mu_by_task": sorted(mu_by_task.items()),
        "unconfirmed": [r for r in records if not r.is_confirmed],
        "payments": list(assistance_request.money_payments.select_related("recorded_by")),
        "pairing": pairing,
        "assignments": list(
            Assignment.objects.filter(assistance_request=assistance_request)
            .select_related("team")
            .prefetch_related("members")
            .order_by("id")
        ),
    }


# Hours report --------------------------------------------------------------------------


def hours_report(user, *, start, end, team=None):
    """Hours per team and per volunteer in [start, end], from the records the user may see.

    Team hours include work recorded without names; volunteer hours are the named hours.
    """
    records = activity_records_visible_to(user).filter(date__gte=start, date__lte=end)
    if team is not None:
        records = records.filter(team=team)
    teams = list(
        records.order_by()
        .values("team__name", "year", "season")
        .annotate(hours=Sum("hours"), records=Count("pk"))
        .order_by("team__name", "year", "season")
    )
    volunteers = list(
        ActivityParticipant.objects.filter(record__in=records.values("pk"))
        .values("volunteer__name", "volunteer__phone", "record__team__name")
        .annotate(hours=Sum("hours"), records=Count("record", distinct=True))
        .order_by("record__team__name", "volunteer__name")
    )
    return {"teams": teams, "volunteers": volunteers}
