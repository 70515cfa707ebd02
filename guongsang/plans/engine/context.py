"""What one evaluation looks at: the candidates, the year, and how to reach their rows."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from guongsang.orgs.enums import UnitStatus
from guongsang.orgs.models import Household, Person, Unit
from guongsang.titles.enums import SubjectKind

SUBJECT_FIELD = {
    SubjectKind.INDIVIDUAL: "person",
    SubjectKind.COLLECTIVE: "unit",
    SubjectKind.HOUSEHOLD: "household",
}
# From a subject to the tree path that places it under a unit.
PATH_FROM_SUBJECT = {
    SubjectKind.INDIVIDUAL: "unit__path",
    SubjectKind.COLLECTIVE: "path",
    SubjectKind.HOUSEHOLD: "locality__path",
}
OPEN_END = datetime.date.max  # a discipline with neither an end of effect nor a closing date


@dataclass
class Context:
    kind: str
    year: int
    unit: Unit | None = None
    subject_ids: list[int] | None = None
    as_of: datetime.date = field(default_factory=datetime.date.today)
    depth: int = 0

    @property
    def field(self) -> str:
        return SUBJECT_FIELD[self.kind]

    def subject_q(self, through: str = "") -> Q:
        """Rows whose subject (reached through `through`, "" for the subject itself) is a
        candidate: a prefix filter on the tree path, or the listed ids."""
        prefix = f"{through}__" if through else ""
        if self.subject_ids is not None:
            key = f"{through}_id__in" if through else "pk__in"
            return Q(**{key: self.subject_ids})
        return Q(**{f"{prefix}{PATH_FROM_SUBJECT[self.kind]}__startswith": self.unit.path})

    def members_q(self, through: str = "") -> Q:
        """People (reached through `through`) whose current unit is a candidate collective."""
        prefix = f"{through}__" if through else ""
        if self.subject_ids is not None:
            return Q(**{f"{prefix}unit_id__in": self.subject_ids})
        return Q(**{f"{prefix}unit__path__startswith": self.unit.path})


def candidates_load(ctx: Context) -> list[tuple]:
    """Every candidate as (id, name, unit name, name_sort, dissolved), in one query."""
    from guongsang.plans.engine.setbased import fetch

    if ctx.kind == SubjectKind.INDIVIDUAL:
        rows = Person.objects.filter(ctx.subject_q()).values_list(
            "pk", "full_name", "unit__name", "name_sort"
        )
        return [(*row, False) for row in fetch(rows.order_by())]
    if ctx.kind == SubjectKind.HOUSEHOLD:
        rows = Household.objects.filter(ctx.subject_q()).values_list(
            "pk", "name", "locality__name", "name_sort"
        )
        return [(*row, False) for row in fetch(rows.order_by())]
    rows = (
        Unit.objects.filter(ctx.subject_q())
        .filter(status__in=[UnitStatus.ACTIVE, UnitStatus.DISSOLVED])
        .values_list("pk", "name", "name_sort", "status")
        .order_by()
    )
    return [
        (pk, name, "", key, status == UnitStatus.DISSOLVED) for pk, name, key, status in fetch(rows)
    ]


def window(params: dict, year: int) -> tuple[int, int]:
    """The first and last year a rule looks at (see criteria_params)."""
    if "years" in params:
        return year - params["years"] + 1, year
    return params["from_year"], params["to_year"]


def first_counting_year(end: datetime.date) -> int:
    """Year-end achievements count once the discipline has ended before 31 December."""
    if end == OPEN_END:
        return 10_000
    return end.year + 1 if (end.month, end.day) == (12, 31) else end.year
