"""API of the volunteer teams: teams, volunteers, memberships (read; rows per the selectors).

Kept apart from cases.api so it can follow the volunteers app as assignments and activity
records get their own tables.
"""

import django_filters as filters
from rest_framework import mixins, serializers

from cases.api.views import ScopedViewSet

from .models import Membership, Team, Volunteer
from .selectors import memberships_visible_to, teams_visible_to, volunteers_visible_to


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "kind", "area", "leader", "capacity", "active"]


class VolunteerSerializer(serializers.ModelSerializer):
    skills = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Volunteer
        fields = ["id", "name", "phone", "skills", "user"]


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "team", "volunteer", "role", "joined_on"]


class TeamFilter(filters.FilterSet):
    area = filters.NumberFilter()

    class Meta:
        model = Team
        fields = ["area", "kind", "active"]


class VolunteerFilter(filters.FilterSet):
    team = filters.NumberFilter(field_name="membership__team")

    class Meta:
        model = Volunteer
        fields = ["team"]


class MembershipFilter(filters.FilterSet):
    team = filters.NumberFilter()
    volunteer = filters.NumberFilter()

    class Meta:
        model = Membership
        fields = ["team", "volunteer", "role"]


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass


class TeamViewSet(ReadOnly):
    """志愿服务队 of the caller's areas, or the teams they lead or belong to."""

    selector = staticmethod(teams_visible_to)
    serializer_class = TeamSerializer
    filterset_class = TeamFilter
    required_perms = {"*": "volunteers.view_team"}


class VolunteerViewSet(ReadOnly):
    selector = staticmethod(volunteers_visible_to)
    serializer_class = VolunteerSerializer
    filterset_class = VolunteerFilter
    required_perms = {"*": "volunteers.view_volunteer"}


class MembershipViewSet(ReadOnly):
    """Who belongs to which team, in which role."""

    selector = staticmethod(memberships_visible_to)
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    required_perms = {"*": "volunteers.view_membership"}


def register(router):
    router.register("teams", TeamViewSet, basename="team")
    router.register("volunteers", VolunteerViewSet, basename="volunteer")
    router.register("memberships", MembershipViewSet, basename="membership")
