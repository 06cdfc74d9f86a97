"""Which rows a user may see: one function per model, used by every list, page and API.

Case workers, approvers and leaders see the areas they serve and everything below them;
auditors and administrators see everything; other roles see nothing of the registry.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from .models import Area, AssistanceRequest, Beneficiary
from .roles import AREA_ROLES, UNSCOPED_ROLES, roles_of


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


def assistance_requests_visible_to(user):
    """Requests in the user's areas; team leaders and volunteers see those sent to their team."""
    assistance_requests = AssistanceRequest.objects.select_related("beneficiary", "area")
    if sees_everything(user):
        return assistance_requests
    if not user.is_authenticated:
        return assistance_requests.none()
    q = Q(dispatches__team__leader=user) | Q(dispatches__team__membership__volunteer__user=user)
    # A pairing handed over to another team has no dispatch to that team: its assignment.
    q |= Q(assignments__team__leader=user) | Q(assignments__members__user=user)
    if roles_of(user) & AREA_ROLES:
        q |= within_areas(user)
    return assistance_requests.filter(pk__in=AssistanceRequest.objects.filter(q).values("pk"))
