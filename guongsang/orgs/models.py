from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from guongsang.common.text import fold, person_sort_key, sort_key
from guongsang.orgs.enums import (
    Gender,
    GroupKind,
    HouseholdRelation,
    Role,
    SuccessionKind,
    UnitKind,
    UnitStatus,
)


class Unit(MP_Node):
    """A node of the organisation tree; never deleted, only closed (merged, split, dissolved)."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=50, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind, default=UnitKind.OTHER)
    status = models.CharField(
        _("status"), max_length=16, choices=UnitStatus, default=UnitStatus.ACTIVE, db_index=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    # Folded current and former names and code, for diacritic-insensitive search.
    search_text = models.TextField(editable=False, default="")
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    successors = models.ManyToManyField(
        "self",
        through="UnitSuccession",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("successors"),
    )
    history = HistoricalRecords(excluded_fields=["search_text", "name_sort", "numchild"])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == UnitStatus.ACTIVE

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date is before the start date.")})

    def refresh_search_fields(self, former_names=()):
        self.name_sort = sort_key(self.name)
        parts = [self.name, self.short_name, self.code, *former_names]
        self.search_text = " | ".join(fold(p) for p in parts if p)


class UnitName(models.Model):
    """A name the unit carried before a rename, kept so old names stay searchable."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="former_names")
    name = models.CharField(_("name"), max_length=255)
    valid_to = models.DateField(_("used until"))

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["-valid_to"]

    def __str__(self):
        return self.name


class UnitSuccession(models.Model):
    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="succession_as_predecessor"
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="succession_as_successor"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SuccessionKind)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession")
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class ScopeGrant(models.Model):
    """An explicit grant: role holders of `grantee` also see `unit`'s subtree."""

    grantee = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="grants_received")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="grants_given")
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scope grant")
        verbose_name_plural = _("scope grants")
        constraints = [
            models.UniqueConstraint(fields=["grantee", "unit"], name="unique_scope_grant")
        ]

    def __str__(self):
        return f"{self.grantee} → {self.unit}"


class EmulationGroup(models.Model):
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind, default=GroupKind.CLUSTER)
    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="organised_groups", verbose_name=_("organiser")
    )
    members = models.ManyToManyField(
        Unit, related_name="emulation_groups", blank=True, verbose_name=_("member units")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    search_text = models.TextField(editable=False, default="")
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    history = HistoricalRecords(excluded_fields=["search_text", "name_sort"], m2m_fields=[members])

    class Meta:
        verbose_name = _("emulation group")
        verbose_name_plural = _("emulation groups")
        ordering = ["name_sort"]

    def __str__(self):
        return self.name

    def refresh_search_fields(self):
        self.name_sort = sort_key(self.name)
        self.search_text = fold(self.name)


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=255)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    id_number = models.CharField(_("citizen ID number"), max_length=20, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # The unit of the current membership, kept by the membership services for scope queries.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("current unit"),
    )
    position = models.CharField(_("current position"), max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    search_text = models.TextField(editable=False, default="")
    name_sort = models.CharField(max_length=2100, editable=False, default="", db_index=True)
    history = HistoricalRecords(excluded_fields=["search_text", "name_sort"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_sort"]

    def __str__(self):
        return self.full_name

    def refresh_search_fields(self):
        self.name_sort = person_sort_key(self.full_name)
        self.search_text = " | ".join(fold(p) for p in (self.full_name, self.id_number) if p)


class Membership(models.Model):
    """A person's place in a unit over time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    position = models.CharField(_("position"), max_length=255, blank=True)
    is_head = models.BooleanField(_("heads the unit"), default=False)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start"]
        indexes = [models.Index(fields=["unit", "end"])]

    def __str__(self):
        return f"{self.person} — {self.unit}"

    def clean(self):
        if self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})


class Household(models.Model):
    name = models.CharField(_("name"), max_length=255, help_text=_('e.g. "Hộ ông Nguyễn Văn An"'))
    head = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="headed_households",
        verbose_name=_("head of household"),
    )
    locality = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="households", verbose_name=_("locality")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    annual_income = models.DecimalField(
        _("annual income (VND)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    members = models.ManyToManyField(
        Person, through="HouseholdMember", related_name="households", verbose_name=_("members")
    )
    search_text = models.TextField(editable=False, default="")
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    history = HistoricalRecords(excluded_fields=["search_text", "name_sort"])

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name_sort"]

    def __str__(self):
        return self.name

    def refresh_search_fields(self):
        self.name_sort = sort_key(self.name)
        self.search_text = " | ".join(fold(p) for p in (self.name, self.address) if p)


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(
        _("relation"), max_length=16, choices=HouseholdRelation, default=HouseholdRelation.OTHER
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="unique_household_member")
        ]

    def __str__(self):
        return f"{self.person} ({self.get_relation_display()})"


class RoleAssignment(models.Model):
    """A user's role bound to a unit: the unit's subtree (plus its grants) is the scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("unit")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_assignment")
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class ApiToken(models.Model):
    """A bearer token for the REST API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class SubjectModel(models.Model):
    """Abstract: a record about exactly one subject — a person, a collective or a household."""

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("individual"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("collective"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("household"),
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.person or self.unit or self.household

    @property
    def subject_kind(self) -> str:
        if self.person_id:
            return "individual"
        if self.unit_id:
            return "collective"
        return "household"


def one_subject_constraint(name: str) -> models.CheckConstraint:
    from django.db.models import Q

    return models.CheckConstraint(
        condition=(
            Q(person__isnull=False, unit__isnull=True, household__isnull=True)
            | Q(person__isnull=True, unit__isnull=False, household__isnull=True)
            | Q(person__isnull=True, unit__isnull=True, household__isnull=False)
        ),
        name=name,
    )


def subject_fields(subject) -> dict:
    """{"person": p} / {"unit": u} / {"household": h}: the FK that names this subject."""
    if isinstance(subject, Person):
        return {"person": subject}
    if isinstance(subject, Unit):
        return {"unit": subject}
    if isinstance(subject, Household):
        return {"household": subject}
    raise TypeError(type(subject))
