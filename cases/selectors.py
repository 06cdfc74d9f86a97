"""Which rows a user may see: one function per model, used by every list, page and API.

Case workers, approvers and leaders see the areas they serve and everything below them;
auditors and administrators see everything; other roles see nothing of the registry.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from .models import Area, AssistanceRequest, Beneficiary
from .roles import AREA_ROLES, TEAM_LEADER, UNSCOPED_ROLES, VOLUNTEER, roles_of


def sees_everything(user):
    return user.is_authenticated and (user.is_superuser or bool(roles_of(user) & UNSCOPED_ROLES))


def area_paths(user):
    """Materialised paths of the areas a user serves, cached on the user for the request."""
    if not hasattr(user, "_area_paths"):
        user._area_paths = tuple(user.areas.values_list("path", flat=True))
    return user._area_paths


def within_areas(user, prefix="area__"):
    """A Q for rows whose area is one of the user's areas or below; matches nothing if none."""
    paths = area_paths(user)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))


def areas_visible_to(user):
    areas = Area.objects.select_related("parent")
    if sees_everything(user):
        return areas
    if not user.is_authenticated:
        return areas.none()
    return areas.filter(within_areas(user, prefix=""))


def beneficiaries_visible_to(user):
    beneficiaries = Beneficiary.objects.select_related("area")
    if sees_everything(user):
        return beneficiaries
    if roles_of(user) & AREA_ROLES:
        return beneficiaries.filter(within_areas(user))
    return beneficiaries.none()


TEAM_ROLES = frozenset({TEAM_LEADER, VOLUNTEER})


def _sent_to_teams_of(user):
    """Ids of requests sent to a team the user leads or belongs to, or assigned to them;
    only team leaders and volunteers see requests this way (nothing to ask for others)."""
    from volunteers.models import Assignment, AssignmentMember, Team

    from .models import Dispatch

    if not roles_of(user) & TEAM_ROLES:
        return []

    teams = Team.objects.filter(Q(leader=user) | Q(membership__volunteer__user=user))
    parts = [
        Dispatch.objects.filter(team__in=teams.values("pk")).values("assistance_request_id"),
        # A pairing handed over to another team has no dispatch to that team: its assignment.
        Assignment.objects.filter(team__leader=user).values("assistance_request_id"),
        AssignmentMember.objects.filter(volunteer__user=user).values(
            "assignment__assistance_request_id"
        ),
    ]
    return parts


def assistance_requests_visible_to(user):
    """Requests in the user's areas; team leaders and volunteers see those sent to their team.

    Written as a UNION of small, indexed id lists (requests in the areas, requests sent to
    the user's teams, assignments they lead or work on) rather than one OR across outer
    joins, which PostgreSQL can only answer by scanning every request (docs/query-plans.md).
    """
    assistance_requests = AssistanceRequest.objects.select_related("beneficiary", "area")
    if sees_everything(user):
        return assistance_requests
    if not user.is_authenticated:
        return assistance_requests.none()
    parts = _sent_to_teams_of(user)
    if roles_of(user) & AREA_ROLES:
        areas = Area.objects.filter(within_areas(user, prefix="")).order_by().values("pk")
        parts.insert(0, AssistanceRequest.objects.filter(area__in=areas).values("pk"))
    if not parts:
        return assistance_requests.none()
    first, *others = (part.order_by() for part in parts)
    return assistance_requests.filter(pk__in=first.union(*others) if others else first)


def visible_through(user, path):
    """A Q for rows reaching a request through `path` (e.g. "process__assistanceprocess__
    assistance_request") that `user` may see: the same rule as above, shaped for lists that
    start from few rows (open tasks), so the database checks each row's area by its path
    instead of building the set of every visible request first."""
    if sees_everything(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    q = Q(pk__in=[])
    if roles_of(user) & AREA_ROLES:
        q = within_areas(user, prefix=f"{path}__area__")
    if parts := [part.order_by() for part in _sent_to_teams_of(user)]:
        first, *others = parts
        q |= Q(**{f"{path}__in": first.union(*others)})
    return q
