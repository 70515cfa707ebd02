"""The title-records phase: yearly titles of staff, units and households, with their decisions."""

from functools import cache

from guongsang.demo import records as rec
from guongsang.demo.dataset.common import Node
from guongsang.orgs.bulk import raw_insert
from guongsang.orgs.enums import UnitKind as K


class TitleRecordsPhase:
    """Title records for `self.staff`, every unit but the root, and `self.households`.

    A part of DatasetGenerator; runs last, over what the units and population phases made.
    """

    def _title_records(self) -> int:
        from guongsang.titles.models import Title, TitleRecord

        self.title_ids = dict(Title.objects.values_list("code", "pk"))
        self.book = rec.DecisionBook(self.rng)
        self.figures.title_records = raw_insert(
            TitleRecord,
            [
                "title",
                "year",
                "person",
                "unit",
                "household",
                "scope_unit",
                "decision_number",
                "decision_date",
                "issuer",
            ],
            self._record_rows(),
        )
        return self.figures.title_records

    def _record_rows(self):
        rng = self.rng
        for person_id, unit, first_year in self.staff:
            armed = unit.body.kind == K.ARMED_FORCES
            history = rec.person_titles(rng, rec.quality(rng), rec.YEARS, armed=armed)
            for year, codes in history.items():
                if year < first_year:
                    continue
                for code in codes:
                    issuer = self.root if code in rec.PROVINCE_LEVEL else unit.body
                    yield self._row(code, year, (person_id, None, None), unit, issuer)
        for unit in self.nodes[1:]:
            history = rec.collective_titles(rng, rec.quality(rng), rec.YEARS, kind=unit.kind)
            for year, codes in history.items():
                for code in codes:
                    top = unit.depth == 2 or code in rec.PROVINCE_LEVEL
                    issuer = self.root if top else unit.body
                    yield self._row(code, year, (None, unit.id, None), unit, issuer)
        for household_id, commune in self.households:
            for year, codes in rec.household_titles(rng, rec.quality(rng), rec.YEARS).items():
                for code in codes:
                    yield self._row(code, year, (None, None, household_id), commune, commune)

    def _row(self, code, year, subject, scope_unit: Node, issuer: Node) -> tuple:
        group = "province" if issuer is self.root else code[:4]
        number, date = self.book.decision(
            issuer.id, rec.decision_code(issuer.code, issuer.kind), year, group
        )
        return (
            self.title_ids[code],
            year,
            *subject,
            scope_unit.id,
            number,
            date,
            _issuer_name(issuer.name, issuer.kind),
        )


@cache
def _issuer_name(name: str, kind: str) -> str:
    return rec.issuer_name(name, kind)
