"""Role groups and the permissions each one holds.

Groups are (re)built after every migrate, so the table below is the single place where
who-may-do-what is written down. Row visibility is the selectors' job, not this table's.
"""

from django.utils.translation import gettext_lazy as _

CASE_WORKER = "case_worker"
APPROVER = "approver"
LEADER = "leader"
TEAM_LEADER = "team_leader"
VOLUNTEER = "volunteer"
AUDITOR = "auditor"
ADMIN = "admin"

ROLE_LABELS = {
    CASE_WORKER: _("case worker (经办人)"),
    APPROVER: _("approver (审批人)"),
    LEADER: _("leader (分管领导)"),
    TEAM_LEADER: _("team leader (志愿服务队队长)"),
    VOLUNTEER: _("volunteer (志愿者)"),
    AUDITOR: _("auditor (审计/考核人员)"),
    ADMIN: _("system administrator (系统管理员)"),
}

_READ_REGISTRY = [
    "cases.view_area",
    "cases.view_beneficiary",
    "volunteers.view_team",
    "volunteers.view_volunteer",
    "volunteers.view_membership",
]

_READ_CASES = [
    "cases.view_assistancerequest",
    "cases.view_verificationreport",
    "cases.view_decision",
    "cases.view_dispatch",
    "cases.view_followup",
    "cases.view_outcome",
    "cases.view_caseevent",
]

ROLE_PERMISSIONS = {
    CASE_WORKER: [
        *_READ_REGISTRY,
        "cases.add_beneficiary",
        "cases.change_beneficiary",
        "cases.reveal_id_number",
        *_READ_CASES,
        "cases.add_assistancerequest",
        "cases.change_assistancerequest",
        "cases.add_verificationreport",
        "cases.add_dispatch",
        "cases.add_followup",
        "cases.add_outcome",
    ],
    APPROVER: [*_READ_REGISTRY, *_READ_CASES, "cases.reveal_id_number", "cases.sign_off_first"],
    LEADER: [
        *_READ_REGISTRY,
        *_READ_CASES,
        "cases.reveal_id_number",
        "cases.sign_off_first",
        "cases.sign_off_second",
        "cases.cancel_assistancerequest",
    ],
    TEAM_LEADER: [
        "volunteers.view_team",
        "volunteers.view_volunteer",
        "volunteers.view_membership",
        "volunteers.add_volunteer",
        "volunteers.change_volunteer",
        "volunteers.add_membership",
        "volunteers.change_membership",
        "volunteers.delete_membership",
        "cases.view_assistancerequest",
        "cases.change_dispatch",
    ],
    VOLUNTEER: ["volunteers.view_team", "volunteers.view_volunteer"],
    AUDITOR: [
        *_READ_REGISTRY,
        *_READ_CASES,
        "cases.view_user",
        "cases.view_officesettings",
        "cases.audit_cases",
    ],
    ADMIN: [
        f"{app}.{action}_{model}"
        for app, models in {
            "cases": ["area", "beneficiary", "user"],
            "volunteers": ["team", "volunteer", "membership"],
        }.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    + [
        "cases.view_caseevent",
        "cases.audit_cases",
        "cases.reveal_id_number",
        "cases.view_officesettings",
        "cases.change_officesettings",
        *_READ_CASES,
    ],
}

# Volunteer work (assignments, activity records, payments, pairings). Rows are scoped by
# volunteers.selectors; the services check who may act on an assignment.
_WORK_READ = [
    "volunteers.view_assignment",
    "volunteers.view_activityrecord",
    "volunteers.view_moneyinlieupayment",
    "volunteers.view_pairing",
]
for _role, _perms in {
    CASE_WORKER: [*_WORK_READ, "volunteers.add_moneyinlieupayment", "volunteers.change_pairing"],
    APPROVER: _WORK_READ,
    LEADER: _WORK_READ,
    TEAM_LEADER: [
        *_WORK_READ,
        "volunteers.change_assignment",
        "volunteers.add_activityrecord",
        "volunteers.change_activityrecord",
        "volunteers.add_moneyinlieupayment",
        "volunteers.change_pairing",
    ],
    VOLUNTEER: [
        "volunteers.view_assignment",
        "volunteers.view_activityrecord",
        "volunteers.add_activityrecord",
    ],
    AUDITOR: [*_WORK_READ, "volunteers.view_volunteersettings"],
    ADMIN: [
        *_WORK_READ,
        "volunteers.view_volunteersettings",
        "volunteers.change_volunteersettings",
        "volunteers.add_volunteersettings",
    ],
}.items():
    ROLE_PERMISSIONS[_role] = [*ROLE_PERMISSIONS[_role], *_perms]

# Roles whose row visibility is not limited to their areas.
UNSCOPED_ROLES = {AUDITOR, ADMIN}
# Roles that work on cases in the areas they serve.
AREA_ROLES = {CASE_WORKER, APPROVER, LEADER}


def sync_role_groups(**kwargs):
    """post_migrate handler: make every role group hold exactly its permissions."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # Permissions are created app by app after migrate; create them all now (idempotent) so
    # the apps after this one already have theirs.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"))

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = set()
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted |= set(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).values_list("id", flat=True)
            )
        group.permissions.set(wanted)


def roles_of(user):
    """The set of role names of a user, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names
