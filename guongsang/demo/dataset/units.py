"""The units phase: pick a province not yet in the database and build its unit tree."""

from vietnam_provinces import Province

from guongsang.common.text import sort_key
from guongsang.demo.dataset.common import Node, cached_fold
from guongsang.demo.structure import (
    ARMED_DIVISION_NAMES,
    COMMUNE_OFFICES,
    COMMUNE_SCHOOLS,
    DIVISION_NAMES,
    HIGH_SCHOOL_NAMES,
    PROVINCE_BODIES,
    PUBLIC_SERVICE_NAMES,
)
from guongsang.orgs.bulk import child_path, next_child_index, next_id, raw_insert
from guongsang.orgs.divisions import (
    province_code,
    province_short_name,
    province_unit_name,
    ward_code,
    wards_of,
)
from guongsang.orgs.enums import UnitKind as K
from guongsang.orgs.models import Unit


class UnitsPhase:
    """Builds `self.nodes` (the whole tree), `self.root` and `self.communes`; inserts the units.

    A part of DatasetGenerator, which holds the state (`rng`, `params`, `figures`, `nodes`).
    """

    def _province(self) -> Province:
        taken = set(Unit.objects.filter(code__startswith="P-").values_list("code", flat=True))
        candidates = sorted(Province.iter_all(), key=lambda p: int(p.code))
        if self.params["communes"] is None:
            candidates = [p for p in candidates if len(wards_of(p)) >= 100]
        self.rng.shuffle(candidates)
        for province in candidates:
            if province_code(province) not in taken:
                return province
        raise RuntimeError("every province is already in the database")

    def _add(self, parent: Node | None, name: str, kind: str, **extra) -> Node:
        if parent is None:
            path, depth = child_path("", self._next_root), 1
        else:
            path, depth = child_path(parent.path, len(parent.children) + 1), parent.depth + 1
        node = Node(
            id=self._next_unit_id + len(self.nodes),
            name=name,
            kind=kind,
            path=path,
            depth=depth,
            **extra,
        )
        if parent is not None:
            parent.children.append(node)
            node.body = node if depth == 2 else parent.body
        self.nodes.append(node)
        return node

    def _units(self) -> int:
        p, province = self.params, self._province()
        self._next_root, self._next_unit_id = next_child_index(None), next_id(Unit)
        root = self._add(
            None,
            province_unit_name(province),
            K.PROVINCE,
            code=province_code(province),
            short_name=province_short_name(province),
        )
        root.body = root
        for name, code, kind in PROVINCE_BODIES[: p["bodies"]]:
            body = self._add(root, name, kind, code=code)
            armed = kind == K.ARMED_FORCES
            for division in (ARMED_DIVISION_NAMES if armed else DIVISION_NAMES)[: p["divisions"]]:
                self._add(body, division, K.DIVISION)
            for service in PUBLIC_SERVICE_NAMES[: p["services"]]:
                self._add(body, service, K.PUBLIC_SERVICE)
            if code == "SGDĐT":
                for i in range(p["high_schools"]):
                    suffix = (
                        ""
                        if i < len(HIGH_SCHOOL_NAMES)
                        else f" số {i // len(HIGH_SCHOOL_NAMES) + 1}"
                    )
                    name = f"Trường THPT {HIGH_SCHOOL_NAMES[i % len(HIGH_SCHOOL_NAMES)]}{suffix}"
                    self._add(body, name, K.SCHOOL)
            if code == "SYT":
                for i in range(p["hospitals"]):
                    self._add(body, f"Bệnh viện Đa khoa khu vực {i + 1}", K.HOSPITAL)
        wards = wards_of(province)[: p["communes"]]
        communes = []
        for ward in wards:
            commune = self._add(root, ward.name, K.COMMUNE, code=ward_code(ward))
            place = ward.name.split(" ", 1)[1] if " " in ward.name else ward.name
            place = place.removeprefix("khu ")
            for office in COMMUNE_OFFICES:
                self._add(commune, office, K.DIVISION)
            for school in COMMUNE_SCHOOLS:
                self._add(commune, f"{school} {place}", K.SCHOOL)
            self._add(commune, f"Trạm Y tế {place}", K.HOSPITAL)
            communes.append(commune)
        hamlets = max(2, (p["units"] - len(self.nodes)) // max(1, len(communes)))
        for commune in communes:
            word = "Tổ dân phố" if commune.name.startswith("Phường") else "Thôn"
            for i in range(hamlets):
                self._add(commune, f"{word} {i + 1}", K.TEAM)
        self.root, self.communes = root, communes
        self.figures.units = raw_insert(
            Unit,
            [
                "id",
                "path",
                "depth",
                "numchild",
                "name",
                "short_name",
                "code",
                "kind",
                "search_text",
                "name_sort",
            ],
            (self._unit_row(n) for n in self.nodes),
        )
        return self.figures.units

    @staticmethod
    def _unit_row(node: Node) -> tuple:
        search = " | ".join(
            cached_fold(part) for part in (node.name, node.short_name, node.code) if part
        )
        return (
            node.id,
            node.path,
            node.depth,
            len(node.children),
            node.name,
            node.short_name,
            node.code,
            node.kind,
            search,
            sort_key(node.name),
        )
