from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application, ModelViewset, Viewset
from viewflow.urls.sites import AppMenuMixin

from cases.viewsets import ScopedViewset, ServiceCreateView, ServiceUpdateView

from . import pages
from .forms import MembershipForm, TeamForm, VolunteerForm
from .models import Membership, Team, Volunteer, VolunteerSettings
from .selectors import memberships_visible_to, teams_visible_to, volunteers_visible_to


class TeamViewset(ScopedViewset):
    model = Team
    icon = "groups"
    selector = staticmethod(teams_visible_to)
    create_view_class = ServiceCreateView
    update_view_class = ServiceUpdateView
    form_class = TeamForm
    list_columns = ("name", "kind", "area", "leader", "capacity", "active")
    list_search_fields = ("name",)
    list_filter_fields = ("kind", "active")
    detail_fields = ("name", "kind", "area", "leader", "capacity", "active")


class VolunteerViewset(ScopedViewset):
    model = Volunteer
    icon = "volunteer_activism"
    selector = staticmethod(volunteers_visible_to)
    create_view_class = ServiceCreateView
    update_view_class = ServiceUpdateView
    form_class = VolunteerForm
    list_columns = ("name", "phone", "skill_labels")
    list_search_fields = ("name", "phone")
    detail_fields = ("name", "phone", "skill_labels", "areas", "teams")
    skill_labels_label = _("skills")

    def skill_labels(self, obj):
        return obj.skill_labels()

    skill_labels.short_description = _("skills")


class MembershipViewset(ScopedViewset):
    model = Membership
    icon = "badge"
    selector = staticmethod(memberships_visible_to)
    create_view_class = ServiceCreateView
    update_view_class = ServiceUpdateView
    form_class = MembershipForm
    list_columns = ("volunteer", "team", "role", "joined_on")
    list_search_fields = ("volunteer__name", "team__name")
    list_filter_fields = ("role",)
    detail_fields = ("volunteer", "team", "role", "joined_on")


class WorkViewset(AppMenuMixin, Viewset):
    """My assignments (for a phone), one assignment and what is done on it."""

    title = _("My assignments")
    icon = "assignment_turned_in"
    app_name = "work"

    index_path = path("", pages.MyAssignmentsView.as_view(), name="index")
    assignment_path = path("<int:pk>/", pages.AssignmentView.as_view(), name="assignment")
    members_path = path("<int:pk>/members/", pages.AssignMembersView.as_view(), name="members")
    log_path = path("<int:pk>/log/", pages.LogActivityView.as_view(), name="log")
    payment_path = path("<int:pk>/payment/", pages.PaymentView.as_view(), name="payment")
    confirm_path = path(
        "record/<int:pk>/confirm/", pages.ConfirmRecordView.as_view(), name="confirm"
    )
    acknowledge_path = path(
        "payment/<int:pk>/acknowledge/", pages.AcknowledgeView.as_view(), name="acknowledge"
    )
    handover_path = path(
        "pairing/<int:pk>/handover/", pages.HandoverView.as_view(), name="handover"
    )
    evidence_path = path("photo/<int:pk>/", pages.evidence_file, name="evidence")

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated


class HoursViewset(AppMenuMixin, Viewset):
    title = _("Hours report")
    icon = "schedule"
    app_name = "hours"

    index_path = path("", pages.HoursReportView.as_view(), name="index")
    csv_path = path("csv/", pages.HoursReportView.as_view(), {"csv": True}, name="csv")

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and (
            user.has_perm("volunteers.view_team") or user.has_perm("cases.view_assistancerequest")
        )


class VolunteerSettingsViewset(ModelViewset):
    model = VolunteerSettings
    icon = "tune"
    list_columns = ("offer_hours", "visit_grace_days")
    fields = ("offer_hours", "visit_grace_days")

    def has_view_permission(self, user, obj=None):
        return user.has_perm("volunteers.view_volunteersettings")

    def has_add_permission(self, user):
        return (
            user.has_perm("volunteers.change_volunteersettings")
            and not VolunteerSettings.objects.exists()
        )

    def has_delete_permission(self, user, obj=None):
        return False


class VolunteersApp(Application):
    title = _("Volunteer teams")
    icon = "diversity_3"
    app_name = "teams"
    viewsets = [
        WorkViewset(),
        TeamViewset(),
        VolunteerViewset(),
        MembershipViewset(),
        HoursViewset(),
        VolunteerSettingsViewset(),
    ]
