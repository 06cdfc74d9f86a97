"""Row visibility for teams and volunteers (see cases.selectors for the rules' shape).

Staff see the teams of their areas; a team leader sees the teams they lead; a volunteer
sees the teams they belong to.
"""

from django.db.models import Q

from cases.roles import AREA_ROLES, TEAM_LEADER, roles_of
from cases.selectors import sees_everything, within_areas

from .models import Membership, Team, Volunteer


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
