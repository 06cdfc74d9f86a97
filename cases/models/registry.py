from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import crypto
from ..idnumber import mask
from ..validators import validate_phone


class Area(models.Model):
    """An administrative division: county → town/township/subdistrict → village/community."""

    class Level(models.TextChoices):
        COUNTY = "county", _("County / district")
        TOWN = "town", _("Town / township / subdistrict")
        VILLAGE = "village", _("Village / community")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of codes ("/331081/331081001/"): "this area and everything below"
    # becomes one indexed prefix match instead of a recursive walk.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent else "/") + self.code + "/"
        super().save(*args, **kwargs)


class User(AbstractUser):
    """A staff member or volunteer who signs in; `areas` are the divisions they serve."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas served"), blank=True, related_name="staff"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username


class Beneficiary(models.Model):
    """优抚对象: a person entitled to preferential treatment, and their household."""

    class Category(models.TextChoices):
        MARTYR_FAMILY = "martyr_family", _("Martyr's family (烈士遗属)")
        DECEASED_SOLDIER_FAMILY = (
            "deceased_soldier_family",
            _("Family of a soldier who died on duty or of illness (因公牺牲/病故军人遗属)"),
        )
        SERVICE_FAMILY = "service_family", _("Active servicemember's family (现役军人家属)")
        CONSCRIPT_FAMILY = "conscript_family", _("Conscript's family (义务兵家属)")
        DISABLED_VETERAN = "disabled_veteran", _("Disabled veteran (伤残军人)")
        DEMOBILIZED_VETERAN = (
            "demobilized_veteran",
            _("Demobilized veteran in the countryside (在乡老复员军人)"),
        )
        ILL_VETERAN = "ill_veteran", _("Veteran returned home with illness (带病回乡退伍军人)")
        RETIRED_SOLDIER = "retired_soldier", _("Retired soldier (退役士兵)")
        TRANSFERRED_OFFICER = "transferred_officer", _("Transferred army officer (军队转业干部)")
        MILITARY_SPOUSE = "military_spouse", _("Military spouse (军嫂)")
        ELDERLY_ALONE = "elderly_alone", _("Elderly person living alone (孤寡老人)")

    class Gender(models.TextChoices):
        MALE = "M", _("male")
        FEMALE = "F", _("female")

    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    id_number_encrypted = models.TextField(editable=False)
    id_number_hash = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    birth_date = models.DateField(_("birth date"), editable=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    area = models.ForeignKey(Area, verbose_name=_("village / community"), on_delete=models.PROTECT)
    address = models.CharField(_("address"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    household_size = models.PositiveSmallIntegerField(_("household size"), default=1)
    lacks_labour = models.BooleanField(_("household lacks labour (缺劳)"), default=False)
    hardship_living = models.BooleanField(_("hardship: living (生活难)"), default=False)
    hardship_housing = models.BooleanField(_("hardship: housing (住房难)"), default=False)
    hardship_medical = models.BooleanField(_("hardship: medical (治病难)"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["-id"]
        indexes = [models.Index(fields=["area", "-id"]), models.Index(fields=["name"])]
        permissions = [("reveal_id_number", _("Can reveal full ID numbers"))]

    def __str__(self):
        return f"{self.name} ({self.id_number_masked})"

    def set_id_number(self, id_number):
        """Store a parsed `IdNumber`: ciphertext, lookup hash, masked form, birth date."""
        self.id_number_encrypted = crypto.encrypt(id_number.value)
        self.id_number_hash = crypto.keyed_hash(id_number.canonical)
        self.id_number_masked = mask(id_number.value)
        self.birth_date = id_number.birth_date

    def reveal_id_number(self):
        return crypto.decrypt(self.id_number_encrypted)
