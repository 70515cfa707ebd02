"""The facts the rules need, for every candidate at once: a constant number of queries.

Each method answers with {subject id: fact}; candidates missing from the answer have the
empty fact (no record, no case, no judgement). Only regular title records count.
"""

from django.db import connection
from django.db.models import (
    Aggregate,
    BigIntegerField,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)

from guongsang.orgs.models import Household, Membership, Person
from guongsang.plans.engine.context import OPEN_END, Context
from guongsang.plans.engine.outcome import YEAR_SCALE
from guongsang.plans.enums import CaseKind
from guongsang.plans.models import ComplianceCase, Judgement
from guongsang.titles.enums import AwardNature
from guongsang.titles.models import TitleRecord


def fetch(queryset) -> list[tuple]:
    """All rows of a values_list() query as plain tuples, in one round trip.

    Skips Django's per-row conversion and PostgreSQL's server-side cursor: only for
    integer and text columns, whose values come back from the driver as they are.
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _records(ctx: Context, title_ids, first: int, last: int):
    return TitleRecord.objects.filter(
        ctx.subject_q(ctx.field),
        title_id__in=title_ids,
        year__gte=first,
        year__lte=last,
        nature=AwardNature.REGULAR,
    ).order_by()


def _mask(title_ids, first: int, last: int):
    """Bit i set when one of the titles was held in year first+i."""
    held = Q(title_id__in=title_ids, year__gte=first, year__lte=last)
    if connection.vendor == "postgresql":
        bit = Value(1).bitleftshift(F("year") - first)
        return _BitOr(Case(When(held, then=bit), default=Value(0)), output_field=IntegerField())
    # Elsewhere the sum of each year's MAX (not SUM DISTINCT): a hash aggregate, no sort.
    years = [
        Max(Case(When(held, year=y, then=Value(1 << (y - first))), default=Value(0),
                 output_field=IntegerField()))
        for y in range(first, last + 1)
    ]  # fmt: skip
    mask = years[0]
    for year in years[1:]:
        mask = mask + year
    return mask


def _best(encoded: dict, first: int, last: int):
    """The largest code·10⁴ + year of the titles held in the window (None: none held)."""
    return Max(
        Case(
            *[When(title_id=pk, year__gte=first, year__lte=last,
                   then=Value(code * YEAR_SCALE) + F("year"))
              for pk, code in encoded.items()],
            output_field=BigIntegerField(),
        )
    )  # fmt: skip


class _BitOr(Aggregate):
    function = "BIT_OR"
    name = "BitOr"


def _open_cases_q(ctx: Context) -> Q:
    still_open = Q(closed_on__isnull=True) | Q(closed_on__gt=ctx.as_of)
    in_effect = Q(kind=CaseKind.DISCIPLINE, effect_until__gte=ctx.as_of)
    return Q(opened_on__lte=ctx.as_of) & (still_open | in_effect)


class SetBased:
    def discipline_ends(self, ctx: Context) -> dict:
        """{id: the latest end of a discipline} (OPEN_END while one has no end)."""
        ends: dict = {}
        rows = ComplianceCase.objects.filter(ctx.subject_q(ctx.field), kind=CaseKind.DISCIPLINE)
        for sid, until, closed in rows.values_list(f"{ctx.field}_id", "effect_until", "closed_on"):
            end = until or closed or OPEN_END
            ends[sid] = max(end, ends.get(sid, end))
        return ends

    def title_facts(self, ctx: Context, streaks, preferred, disciplined) -> tuple:
        """Every title fact of a criteria set in one pass over the window's title records.

        streaks: [(title ids, first, last)] → [{id: bit i set when one of the titles was
        held in year first+i}]; preferred: [({title id: code}, first, last)] → [{id: the
        best code·10⁴ + year held}] and [{id: (best code of year first, …, of last)}] for the
        `disciplined` candidates (those with a discipline case), whose early years may not
        count. Candidates without records are missing from the answers.
        """
        specs = [(ids, first, last) for ids, first, last in streaks]
        specs += [(list(encoded), first, last) for encoded, first, last in preferred]
        title_ids = sorted({pk for ids, _f, _l in specs for pk in ids})
        first = min(spec[1] for spec in specs)
        last = max(spec[2] for spec in specs)
        columns = {f"m{i}": _mask(*spec) for i, spec in enumerate(streaks)}
        columns.update({f"p{i}": _best(*spec) for i, spec in enumerate(preferred)})
        records = _records(ctx, title_ids, first, last)
        rows = fetch(
            records.values(f"{ctx.field}_id")
            .annotate(**columns)
            .values_list(f"{ctx.field}_id", *columns)
        )
        answers = [{row[0]: row[i] for row in rows if row[i]}
                   for i in range(1, len(columns) + 1)]  # fmt: skip
        by_year = [{} for _spec in preferred]
        if preferred:  # also without discipline cases: as many queries for any candidates
            cases = ComplianceCase.objects.filter(kind=CaseKind.DISCIPLINE).values(
                f"{ctx.field}_id"
            )
            detail = fetch(
                records.filter(**{f"{ctx.field}_id__in": cases}).values_list(
                    f"{ctx.field}_id", "year", "title_id"
                )
            )
            for found, (encoded, first, last) in zip(by_year, preferred, strict=True):
                best: dict = {}
                for sid, year, title_id in detail:
                    if title_id in encoded and first <= year <= last:
                        held = best.setdefault(sid, {})
                        held[year] = max(held.get(year, 0), encoded[title_id])
                for sid, held in best.items():
                    found[sid] = tuple(held.get(y) for y in range(first, last + 1))
        return answers[: len(streaks)], answers[len(streaks) :], by_year

    def heads(self, ctx: Context) -> dict:
        """{person id: ((unit id, unit name), …)} for the units they head today."""
        heads: dict = {}
        rows = (
            Membership.objects.filter(ctx.subject_q("person"), is_head=True)
            .filter(Q(end__isnull=True) | Q(end__gte=ctx.as_of))
            .order_by("person_id", "unit_id")
            .values_list("person_id", "unit_id", "unit__name")
        )
        for person_id, unit_id, name in fetch(rows):
            heads[person_id] = (*heads.get(person_id, ()), (unit_id, name))
        return heads

    def metric_values(self, ctx: Context, metric: str, best_in: bool) -> dict:
        """{household id: (value, best value in its locality or None)}."""
        households = Household.objects.filter(ctx.subject_q()).order_by()
        if not best_in:
            rows = households.values_list("pk", "annual_income")
            return {pk: (value, None) for pk, value in rows}
        best = (
            Household.objects.filter(locality=OuterRef("locality"))
            .order_by()
            .values("locality")
            .annotate(best=Max("annual_income"))
            .values("best")
        )
        rows = households.annotate(best=Subquery(best)).values_list("pk", "annual_income", "best")
        return {pk: (value, top) for pk, value, top in rows}

    def member_counts(self, ctx: Context) -> dict:
        rows = (
            Person.objects.filter(ctx.members_q())
            .order_by()
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
        return dict(fetch(rows))

    def members_holding(self, ctx: Context, title_ids, year: int) -> dict:
        rows = (
            TitleRecord.objects.filter(
                ctx.members_q("person"),
                title_id__in=title_ids,
                year=year,
                nature=AwardNature.REGULAR,
            )
            .order_by()
            .values("person__unit_id")
            .annotate(n=Count("person_id", distinct=True))
            .values_list("person__unit_id", "n")
        )
        return dict(fetch(rows))

    def open_cases(self, ctx: Context, kinds) -> dict:
        """{id: ((kind, opened on, effect until), …)} of the cases open on ctx.as_of."""
        cases: dict = {}
        rows = (
            ComplianceCase.objects.filter(ctx.subject_q(ctx.field), kind__in=kinds)
            .filter(_open_cases_q(ctx))
            .order_by("opened_on", "pk")
            .values_list(f"{ctx.field}_id", "kind", "opened_on", "effect_until")
        )
        for sid, *case in rows:
            cases[sid] = (*cases.get(sid, ()), tuple(case))
        return cases

    def judgements(self, ctx: Context, criterion_id: int) -> dict:
        rows = Judgement.objects.filter(
            ctx.subject_q(ctx.field), criterion_id=criterion_id, year=ctx.year
        ).values_list(f"{ctx.field}_id", "met", "evidence")
        return {sid: (met, evidence) for sid, met, evidence in rows}
