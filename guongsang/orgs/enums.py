from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    CENTRAL = "central", _("Central body")
    MINISTRY = "ministry", _("Ministry")
    PROVINCE = "province", _("Province people's committee")
    DEPARTMENT = "department", _("Department (Sở) or provincial body")
    DIVISION = "division", _("Division (phòng) or sub-department")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital or health facility")
    COMMUNE = "commune", _("Commune or ward")
    ENTERPRISE = "enterprise", _("Enterprise")
    ARMED_FORCES = "armed_forces", _("Armed-forces unit")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    PARTY = "party", _("Party body")
    TEAM = "team", _("Team or group")
    OTHER = "other", _("Other")


class UnitStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MERGED = "merged", _("Merged into another unit")
    SPLIT = "split", _("Split into other units")
    DISSOLVED = "dissolved", _("Dissolved")


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")


class GroupKind(models.TextChoices):
    CLUSTER = "cluster", _("Emulation cluster (Cụm thi đua)")
    BLOCK = "block", _("Emulation block (Khối thi đua)")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    OTHER = "other", _("Other")


class HouseholdRelation(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    OTHER = "other", _("Other relative")


class Role(models.TextChoices):
    STAFF = "staff", _("Staff member")
    OFFICER = "officer", _("Unit emulation officer")
    HEAD = "head", _("Unit head")
    SYNTHESIS = "synthesis", _("Synthesising office")
    COUNCIL = "council", _("Council member")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Administrator")
