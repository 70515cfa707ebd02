"""Positions in a unit, by the kind of unit and the first word of its name."""

import random

from guongsang.orgs.enums import UnitKind

_HEAD_BY_PREFIX = [
    ("Văn phòng Đăng ký", "Giám đốc"), ("Văn phòng", "Chánh Văn phòng"),
    ("Thanh tra", "Chánh Thanh tra"), ("Chi cục", "Chi cục trưởng"),
    ("Trung tâm", "Giám đốc"), ("Ban", "Trưởng ban"), ("Phòng", "Trưởng phòng"),
    ("Báo", "Tổng Biên tập"), ("Ủy ban Mặt trận", "Chủ tịch"), ("Liên đoàn", "Chủ tịch"),
    ("Hội", "Chủ tịch"), ("Bộ Chỉ huy", "Chỉ huy trưởng"), ("Trường", "Hiệu trưởng"),
    ("Bệnh viện", "Giám đốc"), ("Tổ dân phố", "Tổ trưởng tổ dân phố"), ("Thôn", "Trưởng thôn"),
    ("Trạm Y tế", "Trạm trưởng"), ("Tỉnh đoàn", "Bí thư"), ("Liên minh", "Chủ tịch"),
    ("Tòa án", "Chánh án"), ("Viện Kiểm sát", "Viện trưởng"), ("Kho bạc", "Giám đốc"),
    ("Đồn", "Đồn trưởng"),
]  # fmt: skip
# Who works there besides the head and deputies, by kind (position, weight).
_STAFF_BY_KIND = {
    UnitKind.SCHOOL: [("Giáo viên", 8), ("Nhân viên", 1), ("Kế toán", 0.3)],
    UnitKind.HOSPITAL: [("Bác sĩ", 4), ("Điều dưỡng", 5), ("Dược sĩ", 1),
                        ("Kỹ thuật viên", 1), ("Nhân viên", 0.5)],
    UnitKind.ARMED_FORCES: [("Cán bộ", 5), ("Chiến sĩ", 3)],
    UnitKind.COMMUNE: [("Công chức", 4), ("Chuyên viên", 2)],
    UnitKind.PUBLIC_SERVICE: [("Viên chức", 4), ("Chuyên viên", 3), ("Kế toán", 0.5)],
    UnitKind.MASS_ORGANISATION: [("Chuyên viên", 4), ("Cán sự", 1)],
}  # fmt: skip
_OFFICE_STAFF = [("Chuyên viên", 6), ("Chuyên viên chính", 2), ("Kế toán", 0.5),
                 ("Văn thư", 0.5), ("Thanh tra viên", 0.2)]  # fmt: skip


def head_position(unit) -> str:
    if unit.kind == UnitKind.PROVINCE:
        return "Chủ tịch UBND tỉnh"
    if unit.kind == UnitKind.COMMUNE:
        level = "đặc khu" if unit.name.startswith("Đặc khu") else unit.name.split(" ")[0].lower()
        return f"Chủ tịch UBND {level}"
    if unit.kind == UnitKind.PARTY and unit.name.startswith("Ban"):
        return "Trưởng ban"
    for prefix, position in _HEAD_BY_PREFIX:
        if unit.name.startswith(prefix):
            return position
    return "Giám đốc"


def deputy_position(head: str) -> str:
    if head.startswith("Chủ tịch UBND"):
        return head.replace("Chủ tịch", "Phó Chủ tịch", 1)
    return f"Phó {head}"


def staff_kind_positions(kind: str) -> list[tuple[str, float]]:
    return _STAFF_BY_KIND.get(kind, _OFFICE_STAFF)


def staff_positions(unit, rng: random.Random, *, extra: int = 0) -> list[tuple[str, bool]]:
    """The demo's people of a unit: one head, deputies, a few staff (position, is_head)."""
    head = head_position(unit)
    if unit.kind == UnitKind.COMMUNE:
        sizes = (1 if extra else 0, extra)
    elif unit.kind == UnitKind.PROVINCE:
        sizes = (2, 0)
    elif unit.depth == 2:
        sizes = (2, 1)
    elif unit.kind in (UnitKind.SCHOOL, UnitKind.HOSPITAL):
        sizes = (1, 4)
    else:
        sizes = (1, rng.randint(1, 3))
    deputies, staff = sizes
    positions, weights = zip(*staff_kind_positions(unit.kind), strict=True)
    result = [(head, True)] + [(deputy_position(head), False)] * deputies
    result += [(p, False) for p in rng.choices(positions, weights, k=staff)]
    return result
