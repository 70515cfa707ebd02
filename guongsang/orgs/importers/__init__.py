"""XLSX imports of people and households (all or nothing, see guongsang.common.importing)."""

from guongsang.orgs.importers.households import HouseholdImporter
from guongsang.orgs.importers.people import GENDERS, PeopleImporter
from guongsang.orgs.importers.scoped import BATCH, ScopedImporter

__all__ = ["BATCH", "GENDERS", "HouseholdImporter", "PeopleImporter", "ScopedImporter"]
