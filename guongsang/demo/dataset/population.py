"""The staff and households phases: people, their memberships, households and their members."""

import datetime

from guongsang.common.text import sort_key
from guongsang.demo.dataset.common import cached_fold, cached_person_sort_key
from guongsang.demo.dataset.scales import CITIZENS_PER_HOUSEHOLD, STAFF_WEIGHT
from guongsang.demo.people import deputy_position, head_position, staff_kind_positions
from guongsang.orgs.bulk import next_id, raw_insert
from guongsang.orgs.enums import HouseholdRelation
from guongsang.orgs.enums import UnitKind as K
from guongsang.orgs.models import Household, HouseholdMember, Membership, Person


class PopulationPhases:
    """Staff for every workplace (`self.staff`), then households of citizens (`self.households`).

    A part of DatasetGenerator; runs after UnitsPhase, whose tree (`nodes`, `root`, `communes`)
    it staffs and settles.
    """

    def _person_row(self, person_id, full_name, gender, birth, unit_id, position) -> tuple:
        self.id_serial += 1
        century = (0 if birth.year < 2000 else 2) + (1 if gender == "female" else 0)
        id_number = f"0{self.root.code[2:]:0>2}{century}{birth.year % 100:02d}{self.id_serial:06d}"
        phone = f"09{self.rng.randint(10_000_000, 99_999_999)}" if unit_id else ""
        search = f"{cached_fold(full_name)} | {id_number}"
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
            cached_person_sort_key(full_name),
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
                    f"{cached_fold(name)} | {cached_fold(address)}",
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
