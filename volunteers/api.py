"""API of the volunteer teams: teams, volunteers, memberships, assignments and activity
records (read; rows per the selectors). Recording work goes through the flow's deliver step.

Kept apart from cases.api so it can follow the volunteers app as assignments and activity
records get their own tables.
"""

import django_filters as filters
from rest_framework import mixins, serializers

from cases.api.filters import IdFilter
from cases.api.views import ScopedViewSet

from .models import ActivityRecord, Assignment, Membership, Team, Volunteer
from .selectors import (
    activity_records_visible_to,
    assignments_visible_to,
    memberships_visible_to,
    teams_visible_to,
    volunteers_visible_to,
)


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


class AssignmentSerializer(serializers.ModelSerializer):
    members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id", "assistance_request", "dispatch", "team", "status", "members", "starts_on",
            "ends_on", "offered_at", "expires_at", "accepted_at", "finished_at",
        ]  # fmt: skip


class ActivityRecordSerializer(serializers.ModelSerializer):
    participants = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ActivityRecord
        fields = [
            "id", "assignment", "assistance_request", "team", "pairing", "date", "season",
            "work_done", "notes", "hours", "participants", "recorded_by", "recorded_at",
            "confirmed_by_name", "confirmed_at",
        ]  # fmt: skip


class AssignmentFilter(filters.FilterSet):
    team = IdFilter()
    assistance_request = IdFilter()

    class Meta:
        model = Assignment
        fields = ["team", "assistance_request", "status"]


class ActivityRecordFilter(filters.FilterSet):
    team = IdFilter()
    assistance_request = IdFilter()
    date_from = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = ActivityRecord
        fields = ["team", "assistance_request"]


class TeamFilter(filters.FilterSet):
    area = IdFilter()

    class Meta:
        model = Team
        fields = ["area", "kind", "active"]


class VolunteerFilter(filters.FilterSet):
    team = IdFilter(field_name="membership__team")

    class Meta:
        model = Volunteer
        fields = ["team"]


class MembershipFilter(filters.FilterSet):
    team = IdFilter()
    volunteer = IdFilter()

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


class AssignmentViewSet(ReadOnly):
    """Requests offered to teams and the members put on them (the team leader's work)."""

    selector = staticmethod(assignments_visible_to)
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    required_perms = {"*": "volunteers.view_assignment"}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("members")


class ActivityRecordViewSet(ReadOnly):
    """服务记录: one day's work on an assignment, with its participants."""

    selector = staticmethod(activity_records_visible_to)
    serializer_class = ActivityRecordSerializer
    filterset_class = ActivityRecordFilter
    required_perms = {"*": "volunteers.view_activityrecord"}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("participants")


def register(router):
    router.register("teams", TeamViewSet, basename="team")
    router.register("volunteers", VolunteerViewSet, basename="volunteer")
    router.register("memberships", MembershipViewSet, basename="membership")
    router.register("assignments", AssignmentViewSet, basename="assignment")
    router.register("activity-records", ActivityRecordViewSet, basename="activity-record")
