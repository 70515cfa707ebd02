"""XLSX import of yearly title records, and the registry of every import kind."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from guongsang.common import importing
from guongsang.common.importing import Column, Row
from guongsang.common.text import sort_key
from guongsang.orgs.importers import HouseholdImporter, PeopleImporter, ScopedImporter
from guongsang.orgs.models import Household, Person
from guongsang.titles.enums import AwardNature, SubjectKind
from guongsang.titles.models import Title, TitleRecord

SUBJECT_KINDS = {
    "Cá nhân": SubjectKind.INDIVIDUAL,
    "Tập thể": SubjectKind.COLLECTIVE,
    "Hộ gia đình": SubjectKind.HOUSEHOLD,
    "individual": SubjectKind.INDIVIDUAL,
    "collective": SubjectKind.COLLECTIVE,
    "household": SubjectKind.HOUSEHOLD,
}
NATURES = {
    "Thường xuyên": AwardNature.REGULAR,
    "Đột xuất": AwardNature.AD_HOC,
    "Chuyên đề": AwardNature.THEMATIC,
    "regular": AwardNature.REGULAR,
    "ad_hoc": AwardNature.AD_HOC,
    "thematic": AwardNature.THEMATIC,
}
_SUBJECT_FIELD = {
    SubjectKind.INDIVIDUAL: "person",
    SubjectKind.COLLECTIVE: "unit",
    SubjectKind.HOUSEHOLD: "household",
}


class TitleRecordImporter(ScopedImporter):
    kind = "title_records"
    sheet_title = "Danh hiệu"
    columns = (
        Column(
            "subject_kind",
            "Loại đối tượng",
            gettext_lazy("Cá nhân (individual), Tập thể (collective) or Hộ gia đình (household)."),
            importing.choice(SUBJECT_KINDS),
            required=True,
            example="Cá nhân",
            width=14,
        ),
        Column(
            "subject_code",
            "Mã đối tượng",
            gettext_lazy(
                "Individual: citizen ID number. Collective: unit code. Household: citizen ID "
                "number of the head of household, or the household's number in the system."
            ),
            importing.text(50),
            required=True,
            example="001085012345",
            width=16,
            is_text=True,
        ),
        Column(
            "subject_name",
            "Tên đối tượng",
            gettext_lazy("For reading only: the name of the subject (not checked)."),
            importing.text(255),
            example="Nguyễn Văn An",
            width=24,
        ),
        Column(
            "title_code",
            "Mã danh hiệu",
            gettext_lazy("Code of the title in the title catalogue. Give the code or the name."),
            importing.text(64),
            example="lao-dong-tien-tien",
            width=22,
        ),
        Column(
            "title_name",
            "Tên danh hiệu",
            gettext_lazy("Name of the title, as in the title catalogue, when no code is given."),
            importing.text(255),
            width=26,
        ),
        Column(
            "year",
            "Năm",
            gettext_lazy("Year of the title, for example 2024."),
            importing.integer(1945, 2100),
            required=True,
            example=2024,
            width=8,
        ),
        Column(
            "decision_number",
            "Số quyết định",
            gettext_lazy("Number of the decision that granted the title."),
            importing.text(64),
            example="125/QĐ-UBND",
        ),
        Column(
            "decision_date",
            "Ngày quyết định",
            gettext_lazy("Date of the decision, dd/mm/yyyy; not before the year of the title."),
            importing.date,
            example=datetime.date(2025, 1, 15),
            width=14,
        ),
        Column(
            "issuer",
            "Cơ quan ban hành",
            gettext_lazy("Body that issued the decision."),
            importing.text(255),
            example="UBND tỉnh",
            width=22,
        ),
        Column(
            "nature",
            "Tính chất",
            gettext_lazy(
                "Thường xuyên (regular, the default), Đột xuất (ad-hoc) or Chuyên đề (thematic)."
            ),
            importing.choice(NATURES),
            example="Thường xuyên",
            width=14,
        ),
        Column("note", "Ghi chú", gettext_lazy("Note."), importing.text(255)),
    )
    notes = (
        gettext_lazy(
            "The subject must be registered first: import people and households before their "
            "title records."
        ),
    )

    def prepare(self, rows):
        codes = {kind: set() for kind in _SUBJECT_FIELD}
        for row in rows:
            kind, code = row.values.get("subject_kind"), row.values.get("subject_code")
            if kind and code:
                codes[kind].add(code)
        self.people: dict[str, list[Person]] = {}
        for chunk in importing.iter_chunks(codes[SubjectKind.INDIVIDUAL]):
            for person in Person.objects.filter(id_number__in=chunk).select_related("unit"):
                self.people.setdefault(person.id_number, []).append(person)
        self._load_collectives(rows)
        self._load_households(codes[SubjectKind.HOUSEHOLD])
        self._load_titles(rows)
        self.keys_seen: dict[tuple, int] = {}

    def _load_collectives(self, rows):
        self.load_units(
            [row for row in rows if row.values.get("subject_kind") == SubjectKind.COLLECTIVE],
            "subject_code",
        )

    def _load_households(self, codes):
        self.households_by_head: dict[str, list[Household]] = {}
        self.households_by_pk: dict[str, Household] = {}
        numbers = {code for code in codes if code.isdigit() and len(code) in (9, 12)}
        pks = {int(code) for code in codes if code.isdigit() and len(code) < 12}
        for chunk in importing.iter_chunks(numbers | {str(pk) for pk in pks}):
            found = Household.objects.filter(
                Q(head__id_number__in=chunk) | Q(pk__in=[int(c) for c in chunk if int(c) in pks])
            ).select_related("head", "locality")
            for household in found:
                if household.head.id_number in numbers:
                    self.households_by_head.setdefault(household.head.id_number, []).append(
                        household
                    )
                if household.pk in pks:
                    self.households_by_pk[str(household.pk)] = household

    def _load_titles(self, rows):
        codes = {row.values.get("title_code") for row in rows} - {None}
        names = {sort_key(row.values["title_name"]) for row in rows if row.values.get("title_name")}
        found = Title.objects.filter(Q(code__in=codes) | Q(name_sort__in=names))
        self.titles_by_code = {title.code: title for title in found}
        self.titles_by_name: dict[str, list[Title]] = {}
        for title in found:
            self.titles_by_name.setdefault(title.name_sort, []).append(title)

    def check(self, row):
        kind = row.values.get("subject_kind")
        subject = self._subject_of(row, kind) if kind else None
        title = self._title_of(row, kind)
        row.data.update(subject=subject, title=title, scope_unit=None)
        year = row.values.get("year")
        decision_date = row.values.get("decision_date")
        if year and decision_date and decision_date.year < year:
            self.error(
                row, "decision_date", _("The decision date is before the year of the title.")
            )
        if subject is None:
            return
        scope_unit = self._scope_unit_of(row, kind, subject)
        row.data["scope_unit"] = scope_unit
        if title is not None and year:
            key = (kind, subject.pk, title.pk, year)
            if key in self.keys_seen:
                self.error(
                    row,
                    "title_code",
                    _("The same title for the same subject and year is also on row %(row)d.")
                    % {"row": self.keys_seen[key]},
                )
            else:
                self.keys_seen[key] = row.number

    def _subject_of(self, row: Row, kind: str):
        code = row.values.get("subject_code")
        if not code:
            return None
        if kind == SubjectKind.COLLECTIVE:
            return self.unit_of(row, "subject_code")
        if kind == SubjectKind.INDIVIDUAL:
            found = self.people.get(code, [])
        else:
            found = self.households_by_head.get(code, [])
            if not found and code in self.households_by_pk:
                found = [self.households_by_pk[code]]
        if not found:
            self.error(row, "subject_code", self._not_found_message(kind, code))
            return None
        if len(found) > 1:
            self.error(
                row,
                "subject_code",
                _("Several subjects match “%(code)s”; use the household's number instead.")
                % {"code": code},
            )
            return None
        return found[0]

    def _not_found_message(self, kind: str, code: str) -> str:
        if kind == SubjectKind.INDIVIDUAL:
            return _("No person with citizen ID number %(code)s was found.") % {"code": code}
        return _("No household matches “%(code)s”.") % {"code": code}

    def _scope_unit_of(self, row: Row, kind: str, subject):
        if kind == SubjectKind.COLLECTIVE:
            return subject  # unit_of already checked activity and scope
        unit = subject.unit if kind == SubjectKind.INDIVIDUAL else subject.locality
        if unit is None:
            self.error(
                row,
                "subject_code",
                _("%(person)s belongs to no unit: add a membership first.") % {"person": subject},
            )
            return None
        if not self.unit_allowed(unit):
            self.error(
                row,
                "subject_code",
                _("The unit “%(name)s” lies outside your scope.") % {"name": unit},
            )
            return None
        return unit

    def _title_of(self, row: Row, kind: str | None) -> Title | None:
        code, name = row.values.get("title_code"), row.values.get("title_name")
        if code:
            key, title = "title_code", self.titles_by_code.get(code)
            candidates = [title] if title else []
        elif name:
            key, candidates = "title_name", self.titles_by_name.get(sort_key(name), [])
        else:
            self.error(row, "title_code", _("Enter the title code (or the title name)."))
            return None
        if kind:
            candidates = [title for title in candidates if title.subject_kind == kind] or candidates
        if not candidates:
            self.error(
                row, key, _("No title “%(value)s” is in the catalogue.") % {"value": code or name}
            )
            return None
        if len(candidates) > 1:
            self.error(
                row, key, _("Several titles match “%(value)s”; use the code.") % {"value": name}
            )
            return None
        title = candidates[0]
        if not title.is_active:
            self.error(row, key, _("The title “%(name)s” is no longer in use.") % {"name": title})
            return None
        if kind and title.subject_kind != kind:
            self.error(
                row,
                key,
                _("“%(title)s” is awarded to: %(kind)s.")
                % {"title": title, "kind": SubjectKind(title.subject_kind).label},
            )
            return None
        return title

    def finish(self, rows):
        by_kind: dict[str, set] = {kind: set() for kind in _SUBJECT_FIELD}
        for kind, subject_id, _title_id, _year in self.keys_seen:
            by_kind[kind].add(subject_id)
        title_ids = {key[2] for key in self.keys_seen}
        years = {key[3] for key in self.keys_seen}
        existing = set()
        for kind, subject_ids in by_kind.items():
            field = _SUBJECT_FIELD[kind]
            for chunk in importing.iter_chunks(subject_ids):
                records = TitleRecord.objects.filter(
                    **{f"{field}_id__in": chunk}, title_id__in=title_ids, year__in=years
                ).values_list(f"{field}_id", "title_id", "year")
                existing.update((kind, *values) for values in records)
        for row in rows:
            subject, title = row.data.get("subject"), row.data.get("title")
            kind, year = row.values.get("subject_kind"), row.values.get("year")
            if (
                subject is not None
                and title is not None
                and (kind, subject.pk, title.pk, year) in existing
            ):
                self.error(
                    row,
                    "title_code",
                    _("%(subject)s already holds “%(title)s” for %(year)s.")
                    % {"subject": subject, "title": title.name, "year": year},
                )

    def save(self, rows):
        records = []
        for row in rows:
            values, kind = row.values, row.values["subject_kind"]
            records.append(
                TitleRecord(
                    title=row.data["title"],
                    year=values["year"],
                    scope_unit=row.data["scope_unit"],
                    nature=values.get("nature") or AwardNature.REGULAR,
                    decision_number=values.get("decision_number") or "",
                    decision_date=values.get("decision_date"),
                    issuer=values.get("issuer") or "",
                    note=values.get("note") or "",
                    **{_SUBJECT_FIELD[kind]: row.data["subject"]},
                )
            )
        bulk_create_with_history(
            records,
            TitleRecord,
            batch_size=500,
            default_user=self.user,
            default_change_reason=self.change_reason(),
        )
        return len(records)


IMPORTERS: dict[str, type[importing.Importer]] = {
    PeopleImporter.kind: PeopleImporter,
    HouseholdImporter.kind: HouseholdImporter,
    TitleRecordImporter.kind: TitleRecordImporter,
}
IMPORT_KINDS = [
    (PeopleImporter.kind, gettext_lazy("People")),
    (HouseholdImporter.kind, gettext_lazy("Households")),
    (TitleRecordImporter.kind, gettext_lazy("Title records")),
]
