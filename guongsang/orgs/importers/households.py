"""The households importer: one new household per row, with its head found or created."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from guongsang.common import importing
from guongsang.common.importing import Column, Row
from guongsang.common.text import sort_key
from guongsang.orgs.enums import HouseholdRelation
from guongsang.orgs.importers.scoped import BATCH, ScopedImporter
from guongsang.orgs.models import Household, HouseholdMember, Person


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
