"""XLSX imports of people and households (all or nothing, see guongsang.common.importing)."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from guongsang.common import importing
from guongsang.common.importing import Column, Row
from guongsang.common.text import sort_key
from guongsang.orgs import scope
from guongsang.orgs.enums import Gender, HouseholdRelation
from guongsang.orgs.models import Household, HouseholdMember, Membership, Person, Unit

BATCH = 500
GENDERS = {
    "Nam": Gender.MALE,
    "Nữ": Gender.FEMALE,
    "Khác": Gender.OTHER,
    "male": Gender.MALE,
    "female": Gender.FEMALE,
    "other": Gender.OTHER,
}


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


class PeopleImporter(ScopedImporter):
    kind = "people"
    sheet_title = "Cá nhân"
    columns = (
        Column(
            "full_name",
            "Họ và tên",
            gettext_lazy("Full name, as on the citizen ID card."),
            importing.text(255),
            required=True,
            example="Nguyễn Văn An",
            width=26,
        ),
        Column(
            "gender",
            "Giới tính",
            gettext_lazy("Nam, Nữ or Khác."),
            importing.choice(GENDERS),
            example="Nam",
            width=10,
        ),
        Column(
            "birth_date",
            "Ngày sinh",
            gettext_lazy("Date of birth, dd/mm/yyyy."),
            importing.date,
            example=datetime.date(1985, 5, 20),
            width=12,
        ),
        Column(
            "id_number",
            "Số CCCD",
            gettext_lazy("Citizen ID number (12 digits). Must not already exist in the system."),
            importing.id_number,
            example="001085012345",
            width=16,
            is_text=True,
        ),
        Column(
            "email",
            "Email",
            gettext_lazy("Email address."),
            importing.email,
            example="an.nv@example.gov.vn",
            width=24,
        ),
        Column(
            "phone",
            "Điện thoại",
            gettext_lazy("Phone number."),
            importing.text(20),
            example="0912345678",
            width=14,
            is_text=True,
        ),
        Column(
            "unit_code",
            "Mã đơn vị",
            gettext_lazy("Code of the unit the person works in. Give the code or the name."),
            importing.text(50),
            example="VD-01",
        ),
        Column(
            "unit_name",
            "Tên đơn vị",
            gettext_lazy("Full name of the unit, when it has no code."),
            importing.text(255),
            width=26,
        ),
        Column(
            "position",
            "Chức vụ",
            gettext_lazy("Position in the unit."),
            importing.text(255),
            example="Chuyên viên",
        ),
        Column(
            "is_head",
            "Là thủ trưởng",
            gettext_lazy("Có if the person heads the unit, else Không or empty."),
            importing.boolean,
            example="Không",
            width=12,
        ),
        Column(
            "start",
            "Từ ngày",
            gettext_lazy("Date the person joined the unit, dd/mm/yyyy (today when empty)."),
            importing.date,
            example=datetime.date(2024, 1, 1),
            width=12,
        ),
    )
    notes = (
        gettext_lazy("Each row creates a new person; people already registered are not changed."),
    )

    def prepare(self, rows):
        self.load_units(rows, "unit_code", "unit_name")
        numbers = {row.values.get("id_number") for row in rows} - {None}
        self.existing_numbers = set()
        for chunk in importing.iter_chunks(numbers):
            self.existing_numbers.update(
                Person.objects.filter(id_number__in=chunk).values_list("id_number", flat=True)
            )
        self.numbers_seen: dict[str, int] = {}

    def check(self, row):
        row.data["unit"] = self.unit_of(row, "unit_code", "unit_name")
        number = row.values.get("id_number")
        if number:
            if number in self.existing_numbers:
                self.error(
                    row,
                    "id_number",
                    _("A person with citizen ID number %(number)s already exists.")
                    % {"number": number},
                )
            elif number in self.numbers_seen:
                self.error(
                    row,
                    "id_number",
                    _("The citizen ID number %(number)s is also on row %(row)d.")
                    % {"number": number, "row": self.numbers_seen[number]},
                )
            else:
                self.numbers_seen[number] = row.number
        birth, start = row.values.get("birth_date"), row.values.get("start")
        if birth and birth > datetime.date.today():
            self.error(row, "birth_date", _("The date of birth is in the future."))
        if birth and start and start < birth:
            self.error(row, "start", _("The start date is before the date of birth."))

    def save(self, rows):
        today = datetime.date.today()
        people = []
        for row in rows:
            values = row.values
            person = Person(
                full_name=values["full_name"],
                gender=values.get("gender") or "",
                birth_date=values.get("birth_date"),
                id_number=values.get("id_number") or "",
                email=values.get("email") or "",
                phone=values.get("phone") or "",
                unit=row.data["unit"],
                position=values.get("position") or "",
            )
            person.refresh_search_fields()
            people.append(person)
        reason = self.change_reason()
        people = bulk_create_with_history(
            people, Person, batch_size=BATCH, default_user=self.user, default_change_reason=reason
        )
        memberships = [
            Membership(
                person=person,
                unit=person.unit,
                position=person.position,
                is_head=bool(row.values.get("is_head")),
                start=row.values.get("start") or today,
            )
            for row, person in zip(rows, people, strict=True)
            if person.unit is not None
        ]
        bulk_create_with_history(
            memberships,
            Membership,
            batch_size=BATCH,
            default_user=self.user,
            default_change_reason=reason,
        )
        return len(people)


class HouseholdImporter(ScopedImporter):
    kind = "households"
    sheet_title = "Hộ gia đình"
    columns = (
        Column(
            "name",
            "Tên hộ",
            gettext_lazy("Name of the household."),
            importing.text(255),
            required=True,
            example="Hộ ông Nguyễn Văn Bình",
            width=28,
        ),
        Column(
            "head_id_number",
            "Số CCCD chủ hộ",
            gettext_lazy(
                "Citizen ID number of the head of household. When a person with this number "
                "exists they become the head; otherwise a new person is created from the name "
                "and date of birth."
            ),
            importing.id_number,
            example="001070054321",
            width=18,
            is_text=True,
        ),
        Column(
            "head_name",
            "Họ tên chủ hộ",
            gettext_lazy("Full name of the head, needed when the head is not yet registered."),
            importing.text(255),
            example="Nguyễn Văn Bình",
            width=24,
        ),
        Column(
            "head_birth_date",
            "Ngày sinh chủ hộ",
            gettext_lazy("Date of birth of the head (dd/mm/yyyy), when creating the head."),
            importing.date,
            example=datetime.date(1970, 3, 15),
            width=14,
        ),
        Column(
            "locality_code",
            "Mã đơn vị địa bàn",
            gettext_lazy("Code of the commune or ward where the household lives."),
            importing.text(50),
            example="VD-02",
        ),
        Column(
            "locality_name",
            "Tên đơn vị địa bàn",
            gettext_lazy("Full name of the commune or ward, when it has no code."),
            importing.text(255),
            width=24,
        ),
        Column(
            "address",
            "Địa chỉ",
            gettext_lazy("Address of the household."),
            importing.text(255),
            example="Thôn 3",
            width=24,
        ),
        Column(
            "annual_income",
            "Thu nhập năm",
            gettext_lazy("Annual income in VND, digits only."),
            importing.amount,
            example=120000000,
            width=14,
        ),
    )

    def prepare(self, rows):
        self.load_units(rows, "locality_code", "locality_name")
        numbers = {row.values.get("head_id_number") for row in rows} - {None}
        self.people_by_number: dict[str, list[Person]] = {}
        for chunk in importing.iter_chunks(numbers):
            for person in Person.objects.filter(id_number__in=chunk):
                self.people_by_number.setdefault(person.id_number, []).append(person)
        self.new_heads: dict[str, Person] = {}
        self.names_seen: dict[tuple, int] = {}

    def check(self, row):
        locality = self.unit_of(row, "locality_code", "locality_name")
        row.data["locality"] = locality
        row.data["head"] = self._head_of(row)
        name = row.values.get("name")
        if locality is not None and name:
            key = (locality.pk, sort_key(name))
            if key in self.names_seen:
                self.error(
                    row,
                    "name",
                    _("The household “%(name)s” is also on row %(row)d.")
                    % {"name": name, "row": self.names_seen[key]},
                )
            else:
                self.names_seen[key] = row.number

    def _head_of(self, row: Row) -> Person | None:
        number = row.values.get("head_id_number")
        name, birth = row.values.get("head_name"), row.values.get("head_birth_date")
        if number:
            existing = self.people_by_number.get(number, [])
            if len(existing) > 1:
                self.error(
                    row,
                    "head_id_number",
                    _("Several people have citizen ID number %(number)s.") % {"number": number},
                )
                return None
            if existing:
                return existing[0]
            if number in self.new_heads:
                return self.new_heads[number]
        if not name:
            self.error(
                row,
                "head_name",
                _("Enter the citizen ID number of a registered person, or the head's full name."),
            )
            return None
        if not number and not birth:
            self.error(
                row, "head_birth_date", _("Enter the head's date of birth (or citizen ID number).")
            )
            return None
        head = Person(full_name=name, birth_date=birth, id_number=number or "")
        head.refresh_search_fields()
        if number:
            self.new_heads[number] = head
        return head

    def finish(self, rows):
        keys = set(self.names_seen)
        locality_ids = {locality_id for locality_id, _name in keys}
        existing = set()
        for chunk in importing.iter_chunks(locality_ids):
            existing.update(
                Household.objects.filter(
                    Q(locality_id__in=chunk), Q(name_sort__in={name for _id, name in keys})
                ).values_list("locality_id", "name_sort")
            )
        for row in rows:
            locality, name = row.data.get("locality"), row.values.get("name")
            if locality is not None and name and (locality.pk, sort_key(name)) in existing:
                self.error(
                    row,
                    "name",
                    _("The household “%(name)s” already exists in %(unit)s.")
                    % {"name": name, "unit": locality},
                )

    def save(self, rows):
        reason = self.change_reason()
        new_heads = list(
            {
                id(row.data["head"]): row.data["head"]
                for row in rows
                if row.data["head"].pk is None
            }.values()
        )
        bulk_create_with_history(
            new_heads,
            Person,
            batch_size=BATCH,
            default_user=self.user,
            default_change_reason=reason,
        )
        households = []
        for row in rows:
            household = Household(
                name=row.values["name"],
                head=row.data["head"],
                locality=row.data["locality"],
                address=row.values.get("address") or "",
                annual_income=row.values.get("annual_income"),
            )
            household.refresh_search_fields()
            households.append(household)
        households = bulk_create_with_history(
            households,
            Household,
            batch_size=BATCH,
            default_user=self.user,
            default_change_reason=reason,
        )
        members = [
            HouseholdMember(
                household=household, person=household.head, relation=HouseholdRelation.HEAD
            )
            for household in households
        ]
        bulk_create_with_history(
            members,
            HouseholdMember,
            batch_size=BATCH,
            default_user=self.user,
            default_change_reason=reason,
        )
        return len(households)
