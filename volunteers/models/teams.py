from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Area
from cases.validators import validate_phone


class Skill(models.TextChoices):
    FARMING = "farming", _("farming")
    LEGAL = "legal", _("legal")
    MEDICAL = "medical", _("medical")
    TUTORING = "tutoring", _("tutoring")
    REPAIRS = "repairs", _("repairs")
    CARE = "care", _("home care")


class Team(models.Model):
    """志愿服务队: a volunteer team belonging to an area."""

    class Kind(models.TextChoices):
        YOUTH = "youth", _("Youth League volunteer team (拥军优属青年志愿者服务队)")
        VILLAGE = "village", _("Village service team (村民便民服务队)")
        SHUANGYONG = "shuangyong", _("双拥 volunteer team (双拥志愿者队伍)")
        COMMUNITY = "community", _("Community volunteers (社区志愿者)")
        LEGAL = "legal", _("Legal service volunteers (司法所法律服务)")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    capacity = models.PositiveSmallIntegerField(_("capacity (open assignments at once)"), default=5)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        ordering = ["area__path", "name"]

    def __str__(self):
        return self.name


class Volunteer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer",
    )
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    skills = models.JSONField(_("skills"), default=list, blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True)
    teams = models.ManyToManyField(
        Team, verbose_name=_("teams"), through="Membership", related_name="volunteers"
    )

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def skill_labels(self):
        return "、".join(str(Skill(s).label) for s in self.skills if s in Skill.values)


class Membership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("leader")
        MEMBER = "member", _("member")

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE)
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default="member")
    joined_on = models.DateField(_("joined on"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "volunteer"], name="one_membership_per_team")
        ]

    def __str__(self):
        return f"{self.volunteer} @ {self.team}"
