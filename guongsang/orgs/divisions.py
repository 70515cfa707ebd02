"""The 34 provinces and their communes/wards after the 2025 reform, from `vietnam-provinces`.

Two levels since 1 July 2025: province → commune (xã, phường, đặc khu). Unit codes:
"P-56" for a province (the package's two-digit province code) and "W-22333" for a commune
(its five-digit code). Re-running skips codes that exist and attaches missing communes under
a province that already exists (for instance the demo's "UBND tỉnh Khánh Hòa", code P-56).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from simple_history.utils import bulk_create_with_history
from vietnam_provinces import Province, VietNamDivisionType, Ward

from guongsang.common.errors import DomainError
from guongsang.common.text import fold
from guongsang.orgs.bulk import add_numchild, child_path, next_child_index
from guongsang.orgs.enums import UnitKind
from guongsang.orgs.models import Unit

REFORM_DATE = datetime.date(2025, 7, 1)


def province_code(province: Province) -> str:
    return f"P-{int(province.code):02d}"


def ward_code(ward: Ward) -> str:
    return f"W-{int(ward.code):05d}"


def province_unit_name(province: Province) -> str:
    """ "UBND tỉnh Khánh Hòa", "UBND thành phố Hà Nội"."""
    if province.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG:
        return "UBND " + province.name[0].lower() + province.name[1:]
    return f"UBND tỉnh {province.name}"


def province_short_name(province: Province) -> str:
    return province.name.removeprefix("Thành phố ")


def find_province(code_or_name: str) -> Province:
    """A province from "56", "P-56", "Khánh Hòa", "khanh hoa" or "khanh_hoa"."""
    text = code_or_name.strip()
    digits = text.upper().removeprefix("P-").removeprefix("P_")
    if digits.isdigit():
        for province in Province.iter_all():
            if int(province.code) == int(digits):
                return province
    wanted = fold(text.replace("_", " "))
    for province in Province.iter_all():
        names = {
            fold(province.name),
            fold(province_short_name(province)),
            fold(province.codename.replace("_", " ")),
        }
        if wanted in names:
            return province
    raise DomainError(f"Không tìm thấy tỉnh, thành phố “{code_or_name}”.")


def wards_of(province: Province) -> list[Ward]:
    return sorted(Ward.iter_by_province(province.code), key=lambda w: int(w.code))


@dataclass
class ImportResult:
    provinces_created: int = 0
    provinces_existing: int = 0
    communes_created: int = 0
    communes_existing: int = 0


def _new_unit(*, name, code, kind, path, depth, numchild=0, short_name="", valid_from=None):
    unit = Unit(
        name=name,
        short_name=short_name,
        code=code,
        kind=kind,
        path=path,
        depth=depth,
        numchild=numchild,
        valid_from=valid_from,
    )
    unit.refresh_search_fields()
    return unit


@transaction.atomic
def divisions_import(
    *,
    province: str | None = None,
    under: Unit | None = None,
    actor=None,
    valid_from: datetime.date | None = REFORM_DATE,
) -> ImportResult:
    """Create the missing provinces (under `under`, else as roots) and their communes."""
    provinces = [find_province(province)] if province else list(Province.iter_all())
    provinces.sort(key=lambda p: int(p.code))
    result = ImportResult()
    existing = {
        u.code: u for u in Unit.objects.filter(code__in=[province_code(p) for p in provinces])
    }
    wards = {province_code(p): wards_of(p) for p in provinces}
    known_wards = set(
        Unit.objects.filter(
            code__in=[ward_code(w) for ws in wards.values() for w in ws]
        ).values_list("code", flat=True)
    )
    missing = {
        code: [w for w in ws if ward_code(w) not in known_wards] for code, ws in wards.items()
    }
    result.communes_existing = len(known_wards)

    new_provinces = [p for p in provinces if province_code(p) not in existing]
    result.provinces_existing = len(provinces) - len(new_provinces)
    if under is not None:
        under = Unit.objects.get(pk=under.pk)
    base_path, depth = (under.path, under.depth + 1) if under is not None else ("", 1)
    start = next_child_index(under)
    created = [
        _new_unit(
            name=province_unit_name(p),
            short_name=province_short_name(p),
            code=province_code(p),
            kind=UnitKind.PROVINCE,
            path=child_path(base_path, start + i),
            depth=depth,
            numchild=len(missing[province_code(p)]),
            valid_from=valid_from,
        )
        for i, p in enumerate(new_provinces)
    ]
    if created:
        created = bulk_create_with_history(
            created,
            Unit,
            batch_size=500,
            default_user=actor,
            default_change_reason="Nhập danh mục đơn vị hành chính",
        )
        if under is not None:
            add_numchild(under, len(created))
    result.provinces_created = len(created)

    parents = {**existing, **{u.code: u for u in created}}
    communes = []
    for code, ward_list in missing.items():
        parent = parents[code]
        first = next_child_index(parent) if code in existing else 1
        for i, ward in enumerate(ward_list):
            communes.append(
                _new_unit(
                    name=ward.name,
                    code=ward_code(ward),
                    kind=UnitKind.COMMUNE,
                    path=child_path(parent.path, first + i),
                    depth=parent.depth + 1,
                    valid_from=valid_from,
                )
            )
        if code in existing:
            add_numchild(parent, len(ward_list))
    if communes:
        bulk_create_with_history(
            communes,
            Unit,
            batch_size=500,
            default_user=actor,
            default_change_reason="Nhập danh mục đơn vị hành chính",
        )
    result.communes_created = len(communes)
    return result
