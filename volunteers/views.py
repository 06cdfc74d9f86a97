from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from cases.viewsets import ScopedViewset, ServiceCreateView, ServiceUpdateView

from .forms import MembershipForm, TeamForm, VolunteerForm
from .models import Membership, Team, Volunteer
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


class VolunteersApp(Application):
    title = _("Volunteer teams")
    icon = "diversity_3"
    app_name = "teams"
    viewsets = [TeamViewset(), VolunteerViewset(), MembershipViewset()]
