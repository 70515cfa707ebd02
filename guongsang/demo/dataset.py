"""A province-scale synthetic dataset for benchmarks: units, people, households, title records.

Rows go in with raw multi-row inserts (COPY on PostgreSQL, executemany elsewhere) and
explicit primary keys, without model objects, services or history rows: generated data has
no audit trail. Tree paths follow django-treebeard's materialised path; `name_sort` and
`search_text` use the same functions as the models' `refresh_search_fields`.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from functools import cache

from django.db import connection, transaction
from vietnam_provinces import Province

from guongsang.common.text import fold, person_sort_key, sort_key
from guongsang.demo import records as rec
from guongsang.demo.names import NamePicker
from guongsang.demo.people import deputy_position, head_position, staff_kind_positions
from guongsang.demo.structure import (
    ARMED_DIVISION_NAMES,
    COMMUNE_OFFICES,
    COMMUNE_SCHOOLS,
    DIVISION_NAMES,
    HIGH_SCHOOL_NAMES,
    PROVINCE_BODIES,
    PUBLIC_SERVICE_NAMES,
)
from guongsang.orgs.bulk import (
    child_path,
    next_child_index,
    next_id,
    raw_insert,
    reset_sequences,
)
from guongsang.orgs.divisions import (
    province_code,
    province_short_name,
    province_unit_name,
    ward_code,
    wards_of,
)
from guongsang.orgs.enums import HouseholdRelation, UnitKind
from guongsang.orgs.models import Household, HouseholdMember, Membership, Person, Unit

K = UnitKind
SCALES = {
    "province": dict(
        bodies=40,
        divisions=7,
        services=3,
        high_schools=60,
        hospitals=20,
        communes=None,
        units=5_000,
        people=200_000,
        households=20_000,
    ),
    "small": dict(
        bodies=8,
        divisions=3,
        services=0,
        high_schools=3,
        hospitals=1,
        communes=6,
        units=100,
        people=4_000,
        households=400,
    ),
    # For tests: about 50 units, 500 people, 100 households, 2,000 title records.
    "tiny": dict(
        bodies=4,
        divisions=2,
        services=0,
        high_schools=2,
        hospitals=1,
        communes=4,
        units=50,
        people=500,
        households=100,
    ),
}
CITIZENS_PER_HOUSEHOLD = 3.2
# Relative head-count of a unit, by kind (the province's staff is shared out by these).
STAFF_WEIGHT = {
    K.PROVINCE: 0.3,
    K.DEPARTMENT: 0.5,
    K.ARMED_FORCES: 2.0,
    K.MASS_ORGANISATION: 0.4,
    K.PARTY: 0.4,
    K.OTHER: 0.6,
    K.DIVISION: 1.0,
    K.PUBLIC_SERVICE: 2.5,
    K.SCHOOL: 3.5,
    K.HOSPITAL: 20.0,
    K.COMMUNE: 0.4,
    K.TEAM: 0.0,
}


@dataclass
class Node:
    id: int
    name: str
    kind: str
    path: str
    depth: int
    code: str = ""
    short_name: str = ""
    children: list = field(default_factory=list)
    body: "Node | None" = None  # the province-level body (depth 2) it belongs to


@dataclass
class Figures:
    units: int = 0
    people: int = 0
    households: int = 0
    title_records: int = 0
    phases: list = field(default_factory=list)


@cache
def _fold(text: str) -> str:
    return fold(text)


@cache
def _person_sort_key(full_name: str) -> str:
    return person_sort_key(full_name)


class DatasetGenerator:
    def __init__(self, *, seed: int = 42, scale: str = "province", log=None):
        self.rng = random.Random(seed)
        self.names = NamePicker(self.rng)
        self.params = SCALES[scale]
        self.log = log or (lambda message: None)
        self.figures = Figures()
        self.nodes: list[Node] = []
        self.staff: list[tuple[int, Node, int]] = []  # person id, unit, first year
        self.households: list[tuple[int, Node]] = []  # household id, commune
        self.id_serial = 0

    def run(self) -> Figures:
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:  # a large page cache keeps index inserts fast
                cursor.execute("PRAGMA cache_size = -400000")
                cursor.execute("PRAGMA temp_store = MEMORY")
        with transaction.atomic():
            self._phase("units", self._units)
            self._phase("staff (people with a post)", self._people)
            self._phase("households (and their residents)", self._households)
            self._phase("title records", self._title_records)
            reset_sequences(Unit, Person, Household, Membership, HouseholdMember)
            committing = time.monotonic()
        # Deferred foreign-key checks run at commit (PostgreSQL), so it is timed as a phase.
        self._record("commit", None, time.monotonic() - committing)
        if connection.vendor == "postgresql":
            self._phase("analyze", self._analyze)
        return self.figures

    def _phase(self, name: str, step) -> None:
        started = time.monotonic()
        count = step()
        self._record(name, count, time.monotonic() - started)

    def _record(self, name: str, count, seconds: float) -> None:
        self.figures.phases.append((name, count, seconds))
        self.log(f"{name}: {count if count is not None else '-'} in {seconds:.1f} s")

    # -- units ---------------------------------------------------------------------------
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
        search = " | ".join(_fold(part) for part in (node.name, node.short_name, node.code) if part)
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

    # -- people --------------------------------------------------------------------------
    def _person_row(self, person_id, full_name, gender, birth, unit_id, position) -> tuple:
        self.id_serial += 1
        century = (0 if birth.year < 2000 else 2) + (1 if gender == "female" else 0)
        id_number = f"0{self.root.code[2:]:0>2}{century}{birth.year % 100:02d}{self.id_serial:06d}"
        phone = f"09{self.rng.randint(10_000_000, 99_999_999)}" if unit_id else ""
        search = f"{_fold(full_name)} | {id_number}"
        return (
            person_id,
            full_name,
            gender,
            birth,
            id_number,
            phone,
            unit_id,
            position,
            search,
            _person_sort_key(full_name),
        )

    PERSON_FIELDS = [
        "id",
        "full_name",
        "gender",
        "birth_date",
        "id_number",
        "phone",
        "unit",
        "position",
        "search_text",
        "name_sort",
    ]
    MEMBERSHIP_FIELDS = ["person", "unit", "position", "is_head", "start"]

    def _people(self) -> int:
        p = self.params
        citizens = round(p["households"] * CITIZENS_PER_HOUSEHOLD)
        total_staff = max(p["people"] - citizens, 1)
        workplaces = [n for n in self.nodes if STAFF_WEIGHT.get(n.kind, 1.0) > 0]
        weight = sum(STAFF_WEIGHT.get(n.kind, 1.0) for n in workplaces)
        self._first_person = next_id(Person)
        people, memberships = [], []
        for node in workplaces:
            share = STAFF_WEIGHT.get(node.kind, 1.0) / weight
            size = max(1, round(share * total_staff))
            head = head_position(node)
            positions, weights = zip(*staff_kind_positions(node.kind), strict=True)
            deputies = min(3, size // 8) if size > 3 else 0
            titles = [(head, True)] + [(deputy_position(head), False)] * deputies
            titles += [
                (t, False) for t in self.rng.choices(positions, weights, k=size - len(titles))
            ]
            for position, is_head in titles:
                person_id = self._first_person + len(people)
                gender = self.names.gender(0.62 if node.kind in (K.SCHOOL, K.HOSPITAL) else 0.45)
                birth = self.names.birth_date(30 if is_head else 23, 60)
                start_year = self.rng.choice(
                    (2022, 2023, 2024) + (2015,) * 3 + tuple(range(1995, 2021))
                )
                start_year = max(start_year, birth.year + 22)
                full_name = self.names.full_name(gender)
                people.append(
                    self._person_row(person_id, full_name, gender, birth, node.id, position)
                )
                memberships.append(
                    (
                        person_id,
                        node.id,
                        position,
                        is_head,
                        datetime.date(start_year, self.rng.randint(1, 12), 1),
                    )
                )
                self.staff.append((person_id, node, start_year))
        count = raw_insert(Person, self.PERSON_FIELDS, people)
        raw_insert(Membership, self.MEMBERSHIP_FIELDS, memberships)
        self.figures.people += count
        return count

    # -- households ----------------------------------------------------------------------
    def _households(self) -> int:
        p, rng, names = self.params, self.rng, self.names
        total = p["households"]
        citizens = max(total, p["people"] - len(self.staff))
        sizes = [1] * total
        for _ in range(citizens - total):
            sizes[rng.randrange(total)] += 1
        hamlets = [n for n in self.nodes if n.kind == K.TEAM]
        commune_of = {h.id: c for c in self.communes for h in c.children if h.kind == K.TEAM}
        headed = set()
        first_household, first_person = next_id(Household), self._first_person + len(self.staff)
        people, memberships, households, members = [], [], [], []
        for i, size in enumerate(sizes):
            hamlet = hamlets[i % len(hamlets)]
            commune = commune_of[hamlet.id]
            household_id = first_household + i
            surname = names.surname()
            head_gender = names.gender(0.3)
            head_birth = names.birth_date(30, 75)
            for j in range(size):
                person_id = first_person + len(people)
                if j == 0:
                    gender, birth, relation = head_gender, head_birth, HouseholdRelation.HEAD
                elif j == 1:
                    gender = "male" if head_gender == "female" else "female"
                    birth = names.birth_date(2025 - head_birth.year - 4, 2025 - head_birth.year + 4)
                    relation = HouseholdRelation.SPOUSE
                elif j < 5:
                    gender, relation = names.gender(), HouseholdRelation.CHILD
                    birth = names.birth_date(1, max(2, 2025 - head_birth.year - 20))
                else:
                    gender, relation = names.gender(), HouseholdRelation.PARENT
                    birth = names.birth_date(
                        2025 - head_birth.year + 20, 2025 - head_birth.year + 35
                    )
                own_surname = (
                    surname
                    if relation in (HouseholdRelation.HEAD, HouseholdRelation.CHILD)
                    else None
                )
                full_name = names.full_name(gender, own_surname)
                is_head = j == 0 and hamlet.id not in headed
                position = head_position(hamlet) if is_head else "Người dân"
                if is_head:
                    headed.add(hamlet.id)
                people.append(
                    self._person_row(person_id, full_name, gender, birth, hamlet.id, position)
                )
                memberships.append(
                    (
                        person_id,
                        hamlet.id,
                        position,
                        is_head,
                        datetime.date(max(2000, birth.year), 1, 1),
                    )
                )
                members.append((household_id, person_id, relation))
                if j == 0:
                    head_id, head_name = person_id, full_name
            honorific = "bà" if head_gender == "female" else "ông"
            name = f"Hộ {honorific} {head_name}"
            address = f"{hamlet.name}, {commune.name}, {self.root.name.removeprefix('UBND ')}"
            income = round(rng.lognormvariate(19.0, 0.5) / 1_000_000) * 1_000_000
            households.append(
                (
                    household_id,
                    name,
                    head_id,
                    commune.id,
                    address,
                    income,
                    f"{_fold(name)} | {_fold(address)}",
                    sort_key(name),
                )
            )
            self.households.append((household_id, commune))
        self.figures.people += raw_insert(Person, self.PERSON_FIELDS, people)
        raw_insert(Membership, self.MEMBERSHIP_FIELDS, memberships)
        self.figures.households = raw_insert(
            Household,
            [
                "id",
                "name",
                "head",
                "locality",
                "address",
                "annual_income",
                "search_text",
                "name_sort",
            ],
            households,
        )
        raw_insert(HouseholdMember, ["household", "person", "relation"], members)
        return self.figures.households

    # -- title records -------------------------------------------------------------------
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

    def _analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@cache
def _issuer_name(name: str, kind: str) -> str:
    return rec.issuer_name(name, kind)
