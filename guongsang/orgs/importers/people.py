"""The people importer: one new person (and their membership of a unit) per row."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from guongsang.common import importing
from guongsang.common.importing import Column
from guongsang.orgs.enums import Gender
from guongsang.orgs.importers.scoped import BATCH, ScopedImporter
from guongsang.orgs.models import Membership, Person

GENDERS = {
    "Nam": Gender.MALE,
    "Nữ": Gender.FEMALE,
    "Khác": Gender.OTHER,
    "male": Gender.MALE,
    "female": Gender.FEMALE,
    "other": Gender.OTHER,
}


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
