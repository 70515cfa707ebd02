"""The scoped importer base: rows name units (by code or name) that must lie in the user's scope."""

from django.utils.translation import gettext as _

from guongsang.common import importing
from guongsang.common.importing import Row
from guongsang.common.text import sort_key
from guongsang.orgs import scope
from guongsang.orgs.models import Unit

BATCH = 500  # rows per bulk insert


class ScopedImporter(importing.Importer):
    """An importer whose rows name units, each of which must lie in the uploader's write scope."""

    def __init__(self, *, user, source: str = ""):
        super().__init__(user=user, source=source)
        self.is_admin = scope.is_admin(user)
        self.paths = scope.scope_paths(user, scope.RECORD_WRITE_ROLES)
        self.units_by_code: dict[str, list[Unit]] = {}
        self.units_by_name: dict[str, list[Unit]] = {}

    def load_units(self, rows: list[Row], code_key: str, name_key: str | None = None) -> None:
        codes = {row.values.get(code_key) for row in rows} - {None}
        for chunk in importing.iter_chunks(codes):
            for unit in Unit.objects.filter(code__in=chunk):
                self.units_by_code.setdefault(unit.code, []).append(unit)
        if name_key:
            keys = {sort_key(row.values[name_key]) for row in rows if row.values.get(name_key)}
            for chunk in importing.iter_chunks(keys):
                for unit in Unit.objects.filter(name_sort__in=chunk):
                    self.units_by_name.setdefault(unit.name_sort, []).append(unit)

    def unit_of(self, row: Row, code_key: str, name_key: str | None = None) -> Unit | None:
        """The row's unit (by code, else by name), or None after adding the row's error."""
        code = row.values.get(code_key)
        name = row.values.get(name_key) if name_key else None
        if code:
            key, candidates = code_key, self.units_by_code.get(code, [])
        elif name:
            key, candidates = name_key, self.units_by_name.get(sort_key(name), [])
        else:
            headers = {self._headers.get(code_key), self._headers.get(name_key)}
            if not any(error["column"] in headers for error in row.errors):
                self.error(row, code_key, _("Enter the unit code (or the unit name)."))
            return None
        active = [unit for unit in candidates if unit.is_active] or candidates
        if not active:
            self.error(row, key, _("No unit “%(value)s” was found.") % {"value": code or name})
            return None
        if len(active) > 1:
            self.error(
                row,
                key,
                _("Several units match “%(value)s”; use the unit code.") % {"value": code or name},
            )
            return None
        unit = active[0]
        if not unit.is_active:
            self.error(row, key, _("The unit “%(name)s” is no longer active.") % {"name": unit})
            return None
        if not self.unit_allowed(unit):
            self.error(row, key, _("The unit “%(name)s” lies outside your scope.") % {"name": unit})
            return None
        return unit

    def unit_allowed(self, unit: Unit) -> bool:
        return self.is_admin or scope.path_in_scope(unit.path, self.paths)
