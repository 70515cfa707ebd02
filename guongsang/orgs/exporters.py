"""XLSX exports of the organisation lists: every row the list's filters and scope give."""

from django.utils.translation import gettext as _

from guongsang.common.xlsx import xlsx_response

CHUNK = 2000


def units_xlsx(units):
    headers = [
        _("Name"),
        _("Short name"),
        _("Code"),
        _("Kind"),
        _("Status"),
        _("Valid from"),
        _("Valid to"),
        _("Address"),
        _("Former names"),
    ]
    rows = (
        [
            unit.name,
            unit.short_name,
            unit.code,
            unit.get_kind_display(),
            unit.get_status_display(),
            unit.valid_from,
            unit.valid_to,
            unit.address,
            "; ".join(n.name for n in unit.former_names.all()),
        ]
        for unit in units.iterator(chunk_size=CHUNK)
    )
    return xlsx_response("don-vi.xlsx", _("Units"), headers, rows)


def people_xlsx(people):
    headers = [
        _("Full name"),
        _("Gender"),
        _("Date of birth"),
        _("Citizen ID number"),
        _("Unit"),
        _("Position"),
        _("Email"),
        _("Phone"),
    ]
    rows = (
        [
            person.full_name,
            person.get_gender_display(),
            person.birth_date,
            person.id_number,
            person.unit.name if person.unit_id else "",
            person.position,
            person.email,
            person.phone,
        ]
        for person in people.iterator(chunk_size=CHUNK)
    )
    return xlsx_response("ca-nhan.xlsx", _("People"), headers, rows)


def households_xlsx(households):
    headers = [
        _("Name"),
        _("Head of household"),
        _("Locality"),
        _("Address"),
        _("Annual income (VND)"),
    ]
    rows = (
        [
            household.name,
            household.head.full_name,
            household.locality.name,
            household.address,
            int(household.annual_income) if household.annual_income is not None else None,
        ]
        for household in households.iterator(chunk_size=CHUNK)
    )
    return xlsx_response("ho-gia-dinh.xlsx", _("Households"), headers, rows)
