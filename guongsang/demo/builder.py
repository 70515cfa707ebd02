"""The Khánh Hòa demo, built through the services so every record has its audit trail.

The story: the province's bodies as in the plans of 2021–2023 (seeds 000 and 002), five years
of title records, and the 2025 reorganisation — on 1 March 2025 Sở Tài nguyên và Môi trường
and Sở Nông nghiệp và Phát triển nông thôn merged into Sở Nông nghiệp và Môi trường, and
Sở Lao động - Thương binh và Xã hội merged into Sở Nội vụ (modelled, as `unit_merge` does, as
a new "Sở Nội vụ" succeeding both), whose Ban Thi đua - Khen thưởng became the "Phòng Công
tác thi đua, khen thưởng". The communes and wards are the real 65 of Khánh Hòa after the
July 2025 reform; they carry no validity date here so their 2021–2024 records read naturally.
The school rename is illustrative.
"""

import datetime
import random
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from guongsang.demo import records as rec
from guongsang.demo.accounts import demo_admin_create, demo_users_create
from guongsang.demo.lifecycle import lifecycle_build, lifecycle_history
from guongsang.demo.names import NamePicker
from guongsang.demo.people import head_position, staff_positions
from guongsang.demo.propagation import propagation_build
from guongsang.demo.recognition import recognition_build
from guongsang.demo.structure import DEMO_BODIES, DEMO_GROUPS, DEMO_HOSPITALS, DEMO_SCHOOLS
from guongsang.orgs import services
from guongsang.orgs.divisions import divisions_import
from guongsang.orgs.enums import GroupKind, HouseholdRelation, UnitKind
from guongsang.orgs.models import Household, Membership, Person, Unit
from guongsang.titles.models import Title, TitleRecord
from guongsang.titles.services import title_record_grant

SEED = 2026
PROVINCE_CODE = "56"
MERGE_DATE = datetime.date(2025, 3, 1)
ROUTINE_TITLES = {rec.LDTT, rec.CSTT, rec.HTT, rec.HTXS}
RENAME_DATE = datetime.date(2025, 7, 1)
HOUSEHOLD_COMMUNES = [
    "Phường Nha Trang",
    "Phường Bắc Nha Trang",
    "Xã Cam Lâm",
    "Xã Diên Khánh",
    "Phường Phan Rang",
    "Xã Ninh Phước",
]
EXTRA_BODIES = [
    ("Sở Tài chính", "STC", UnitKind.DEPARTMENT, ["Văn phòng Sở"]),
    ("Sở Công Thương", "SCT", UnitKind.DEPARTMENT, ["Văn phòng Sở"]),
]


class DemoBuilder:
    def __init__(self, *, seed: int = SEED):
        self.rng = random.Random(seed)
        self.names = NamePicker(self.rng)
        self.book = rec.DecisionBook(self.rng)
        self.admin = None
        self.root: Unit | None = None
        self.units: dict[str, Unit] = {}  # by a unique key (name, or "parent / name")
        self.staff: list[tuple] = []  # (person, quality, start year)
        self.titles: dict = {}
        self._bodies: dict[str, Unit] = {}
        self._bulk: list = []
        self._bulk_all = False

    # -- orchestration -------------------------------------------------------------------
    def build(self) -> dict:
        self.titles = {t.code: t for t in Title.objects.all()}
        self.admin = demo_admin_create()
        self._tree()
        self._people()
        self._households()
        self._groups()
        self._grant_years(range(2021, 2025), bulk=True)
        lifecycle = lifecycle_history(admin=self.admin)  # the plans of 2021 and 2023
        self._reorganise()
        self._grant_years([2025])
        users = demo_users_create(admin=self.admin, root=self.root)
        lifecycle_build(lifecycle=lifecycle)
        recognition_build(lifecycle=lifecycle)
        propagation_build(lifecycle=lifecycle)
        return users

    # -- units ---------------------------------------------------------------------------
    def _unit(self, parent, name, kind, *, code="", short_name="", key=None) -> Unit:
        unit = services.unit_create(
            parent=parent,
            name=name,
            kind=kind,
            code=code,
            short_name=short_name,
            actor=self.admin,
        )
        self.units[key or name] = unit
        return unit

    def _tree(self) -> None:
        self.root = self._unit(
            None,
            "UBND tỉnh Khánh Hòa",
            UnitKind.PROVINCE,
            code=f"P-{PROVINCE_CODE}",
            short_name="Khánh Hòa",
            key="root",
        )
        for name, code, kind, divisions in DEMO_BODIES + EXTRA_BODIES:
            body = self._unit(self.root, name, kind, code=code)
            for division in divisions:
                self._unit(body, division, _division_kind(division), key=f"{name} / {division}")
        for school in DEMO_SCHOOLS:
            self._unit(self.units["Sở Giáo dục và Đào tạo"], school, UnitKind.SCHOOL)
        for hospital in DEMO_HOSPITALS:
            self._unit(self.units["Sở Y tế"], hospital, UnitKind.HOSPITAL)
        divisions_import(province=PROVINCE_CODE, actor=self.admin, valid_from=None)
        self.root = Unit.objects.get(pk=self.root.pk)
        for commune in Unit.objects.get_children(self.root).filter(kind=UnitKind.COMMUNE):
            self.units[commune.name] = commune
        for commune_name in HOUSEHOLD_COMMUNES:
            commune = self.units[commune_name]
            word = "Tổ dân phố" if commune_name.startswith("Phường") else "Thôn"
            for i in (1, 2):
                self._unit(commune, f"{word} {i}", UnitKind.TEAM, key=f"{commune_name} / {i}")
            school = (
                "Trường Tiểu học Vĩnh Hải 1" if commune_name == "Phường Bắc Nha Trang" else None
            )
            if school:
                self._unit(commune, school, UnitKind.SCHOOL)

    # -- people --------------------------------------------------------------------------
    def _people(self) -> None:
        for unit in list(self.units.values()):
            if unit.kind == UnitKind.TEAM:
                continue
            extra = 2 if unit.name in HOUSEHOLD_COMMUNES else 0
            for position, is_head in staff_positions(unit, self.rng, extra=extra):
                self._staff_member(unit, position, is_head)

    def _staff_member(self, unit: Unit, position: str, is_head: bool):
        full_name, gender, birth = self.names.person(min_age=26 if is_head else 23)
        start_year = self.rng.choice([2024, 2023, 2022] + [2020] * 3 + list(range(2000, 2020)))
        start_year = max(start_year, birth.year + 22)
        person = services.person_create(
            full_name=full_name,
            gender=gender,
            birth_date=birth,
            unit=unit,
            position=position,
            is_head=is_head,
            start=datetime.date(start_year, self.rng.randint(1, 12), 1),
            phone=f"09{self.rng.randint(10_000_000, 99_999_999)}",
            actor=self.admin,
        )
        self.staff.append((person, rec.quality(self.rng), start_year))
        return person

    def _households(self) -> None:
        self.households = []
        for commune_name in HOUSEHOLD_COMMUNES:
            commune = self.units[commune_name]
            for i in range(10):
                hamlet = self.units[f"{commune_name} / {1 + i % 2}"]
                self.households.append(self._household(commune, hamlet, is_first=i < 2))

    def _household(self, commune: Unit, hamlet: Unit, *, is_first: bool):
        rng, names = self.rng, self.names
        surname = names.surname()
        head_gender = names.gender(0.3)
        head_birth = names.birth_date(32, 72)
        position = head_position(hamlet) if is_first else "Người dân"
        head = self._resident(
            names.full_name(head_gender, surname),
            head_gender,
            head_birth,
            hamlet,
            position,
            is_first,
        )
        honorific = "bà" if head_gender == "female" else "ông"
        income = Decimal(round(rng.lognormvariate(19.0, 0.45) / 1_000_000) * 1_000_000)
        household = services.household_create(
            name=f"Hộ {honorific} {head.full_name}",
            head=head,
            locality=commune,
            address=f"{hamlet.name}, {commune.name}, tỉnh Khánh Hòa",
            annual_income=income,
            actor=self.admin,
        )
        spouse_gender = "male" if head_gender == "female" else "female"
        father_surname = surname if head_gender == "male" else names.surname()
        spouse_surname = None if head_gender == "female" else names.surname()
        spouse = self._resident(
            names.full_name(
                spouse_gender, father_surname if spouse_gender == "male" else spouse_surname
            ),
            spouse_gender,
            names.birth_date(2025 - head_birth.year - 4, 2025 - head_birth.year + 3),
            hamlet,
            "Người dân",
            False,
        )
        services.household_member_add(
            household=household, person=spouse, relation=HouseholdRelation.SPOUSE, actor=self.admin
        )
        for _ in range(rng.choice([0, 1, 1, 2, 2, 2, 3])):
            gender = names.gender()
            child = self._resident(
                names.full_name(gender, father_surname),
                gender,
                names.birth_date(3, max(4, 2025 - head_birth.year - 20)),
                hamlet,
                "Người dân",
                False,
            )
            services.household_member_add(
                household=household,
                person=child,
                relation=HouseholdRelation.CHILD,
                actor=self.admin,
            )
        return household, rec.quality(rng)

    def _resident(self, full_name, gender, birth, hamlet, position, is_head):
        return services.person_create(
            full_name=full_name,
            gender=gender,
            birth_date=birth,
            unit=hamlet,
            position=position,
            is_head=is_head,
            start=datetime.date(max(2000, birth.year), 1, 1),
            actor=self.admin,
        )

    # -- emulation groups ----------------------------------------------------------------
    def _groups(self) -> None:
        u = self.units
        for name, kind, members in DEMO_GROUPS:
            services.group_create(
                name=name,
                kind=kind,
                organiser=self.root,
                actor=self.admin,
                members=[u[m] for m in members],
            )
        communes = sorted(
            (unit for unit in u.values() if unit.kind == UnitKind.COMMUNE), key=lambda c: c.code
        )
        # Codes below 22738 are the former Khánh Hòa (north), the rest the former Ninh Thuận.
        north = [c for c in communes if c.code < "W-22738"]
        south = [c for c in communes if c.code >= "W-22738"]
        for name, members in (("phía Bắc", north), ("phía Nam", south)):
            services.group_create(
                name=f"Cụm thi đua các xã, phường {name}",
                kind=GroupKind.CLUSTER,
                organiser=self.root,
                members=members,
                actor=self.admin,
            )

    # -- title records -------------------------------------------------------------------
    def _grant_years(self, years, *, bulk: bool = False) -> None:
        """Grant the years' titles, through `title_record_grant` or, with `bulk`, in bulk.

        Bulk rows still get their history rows (actor: the demo admin); the per-record
        service would take most of the demo's time for the thousands of routine titles, so
        it records the latest year's collective, household and higher individual titles.
        """
        years = list(years)
        self._bulk, self._bulk_all = [], bulk
        for person, quality, start_year in self.staff:
            person.refresh_from_db(fields=["unit"])
            unit = person.unit
            if unit is None or not unit.is_active:
                continue
            history = rec.person_titles(random.Random(person.pk * 7919 + SEED), quality, rec.YEARS)
            armed = self._body(unit).kind == UnitKind.ARMED_FORCES
            for year in years:
                if year < start_year:
                    continue
                for code in history[year]:
                    code = rec.CSTT if armed and code == rec.LDTT else code
                    self._grant(person, code, year, unit)
        for unit in Unit.objects.filter(path__startswith=self.root.path, status="active"):
            if unit.depth == 1:
                continue
            quality = random.Random(unit.pk * 104729 + SEED).betavariate(5, 2)
            history = rec.collective_titles(
                random.Random(unit.pk * 7919 + SEED), quality, rec.YEARS, kind=unit.kind
            )
            for year in years:
                for code in history[year]:
                    self._grant(unit, code, year, unit)
        for household, quality in self.households:
            history = rec.household_titles(random.Random(household.pk + SEED), quality, rec.YEARS)
            for year in years:
                for code in history[year]:
                    self._grant(household, code, year, household.locality)
        if self._bulk:
            bulk_create_with_history(
                self._bulk,
                TitleRecord,
                batch_size=500,
                default_user=self.admin,
                default_change_reason="Dữ liệu demo",
            )
        self._bulk = []

    def _body(self, unit: Unit) -> Unit:
        """The province-level body a unit belongs to (depth 2), or the province itself."""
        if unit.depth <= 2:
            return unit
        path = unit.path[: 2 * Unit.steplen]
        if path not in self._bodies:
            self._bodies[path] = Unit.objects.get(path=path)
        return self._bodies[path]

    def _grant(self, subject, code: str, year: int, unit: Unit) -> None:
        if code in rec.PROVINCE_LEVEL or (isinstance(subject, Unit) and unit.depth == 2):
            issuer = self.root
        else:
            issuer = self._body(unit)
        group = "province" if issuer is self.root else code[:4]
        number, date = self.book.decision(
            issuer.pk, rec.decision_code(issuer.code, issuer.kind), year, group
        )
        fields = dict(
            decision_number=number,
            decision_date=date,
            issuer=rec.issuer_name(issuer.name, issuer.kind),
        )
        routine = isinstance(subject, Person) and code in ROUTINE_TITLES
        if self._bulk_all or routine:
            kind = {Unit: "unit", Household: "household"}.get(type(subject), "person")
            self._bulk.append(
                TitleRecord(
                    **{kind: subject}, scope_unit=unit, year=year, title=self.titles[code], **fields
                )
            )
            return
        title_record_grant(
            subject=subject, title=self.titles[code], year=year, actor=self.admin, **fields
        )

    # -- the 2025 reorganisation ---------------------------------------------------------
    def _reorganise(self) -> None:
        u, admin = self.units, self.admin
        services.unit_rename(
            unit=Unit.objects.get(pk=u["Sở Nội vụ / Ban Thi đua - Khen thưởng"].pk),
            new_name="Phòng Công tác thi đua, khen thưởng",
            date=MERGE_DATE,
            actor=admin,
        )
        merges = [
            (
                "Sở Nông nghiệp và Môi trường",
                "SNNMT",
                ["Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn"],
            ),
            ("Sở Nội vụ", "SNV", ["Sở Nội vụ", "Sở Lao động - Thương binh và Xã hội"]),
        ]
        for name, code, old_names in merges:
            olds = [Unit.objects.get(pk=u[n].pk) for n in old_names]
            new = services.unit_merge(units=olds, name=name, date=MERGE_DATE, actor=admin)
            new = services.unit_update(unit=new, code=code, actor=admin)
            offices = [Unit.objects.get(pk=u[f"{n} / Văn phòng Sở"].pk) for n in old_names]
            office = services.unit_merge(
                units=offices, name="Văn phòng Sở", date=MERGE_DATE, parent=new, actor=admin
            )
            for unit in (new, office):
                self._one_head(unit)
            u[name] = new
        school = Unit.objects.get(pk=u["Trường THPT Trần Hưng Đạo"].pk)
        services.unit_rename(
            unit=school,
            new_name="Trường THPT Trần Hưng Đạo - Cam Ranh",
            date=RENAME_DATE,
            actor=admin,
        )

    def _one_head(self, unit: Unit) -> None:
        """After a merge the first head stays head; the others become deputies."""
        heads = Membership.objects.filter(unit=unit, end__isnull=True, is_head=True)
        for membership in heads.order_by("pk")[1:]:
            services.person_move(
                person=membership.person,
                unit=unit,
                position=f"Phó {membership.position}",
                start=MERGE_DATE,
                actor=self.admin,
            )

    # -- users ---------------------------------------------------------------------------


def _division_kind(name: str) -> str:
    if name.startswith(("Trung tâm", "Văn phòng Đăng ký")):
        return UnitKind.PUBLIC_SERVICE
    return UnitKind.DIVISION
