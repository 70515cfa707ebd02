"""The same facts as setbased.py, fetched candidate by candidate with plain ORM queries.

Slow on purpose: it is the reference the tests and the benchmark compare the set-based
engine with. `evaluate_naive(...)` takes the same arguments as `engine.evaluate`.
"""

from django.db.models import Q

from guongsang.orgs.models import Household, Membership, Person
from guongsang.plans.engine.context import OPEN_END, Context
from guongsang.plans.engine.outcome import YEAR_SCALE
from guongsang.plans.enums import CaseKind
from guongsang.plans.models import ComplianceCase, Judgement
from guongsang.titles.enums import AwardNature
from guongsang.titles.models import TitleRecord


class Naive:
    def _of(self, ctx: Context, sid: int) -> dict:
        return {ctx.field: sid}

    def _records(self, ctx, sid, title_ids, first, last):
        return TitleRecord.objects.filter(
            title_id__in=title_ids,
            year__gte=first,
            year__lte=last,
            nature=AwardNature.REGULAR,
            **self._of(ctx, sid),
        )

    def discipline_ends(self, ctx: Context) -> dict:
        ends = {}
        for sid in ctx.ids:
            cases = ComplianceCase.objects.filter(kind=CaseKind.DISCIPLINE, **self._of(ctx, sid))
            found = [until or closed or OPEN_END for until, closed in cases.values_list(
                "effect_until", "closed_on"
            )]  # fmt: skip
            if found:
                ends[sid] = max(found)
        return ends

    def year_masks(self, ctx: Context, title_ids, first: int, last: int) -> dict:
        masks = {}
        for sid in ctx.ids:
            records = self._records(ctx, sid, title_ids, first, last)
            held = set(records.values_list("year", flat=True))
            if held:
                masks[sid] = sum(1 << (year - first) for year in held)
        return masks

    def best_by_year(self, ctx: Context, encoded: dict, first: int, last: int) -> dict:
        result = {}
        for sid in ctx.ids:
            best: dict[int, int] = {}
            rows = self._records(ctx, sid, list(encoded), first, last)
            for year, title_id in rows.values_list("year", "title_id"):
                best[year] = max(best.get(year, 0), encoded[title_id])
            if best:
                result[sid] = tuple(best.get(y) for y in range(first, last + 1))
        return result

    def title_facts(self, ctx: Context, streaks, preferred, disciplined) -> tuple:
        masks = [self.year_masks(ctx, *spec) for spec in streaks]
        best, by_year = [], []
        for encoded, first, last in preferred:
            values = self.best_by_year(ctx, encoded, first, last)
            best.append({
                sid: max(v * YEAR_SCALE + first + i for i, v in enumerate(found) if v)
                for sid, found in values.items()
            })  # fmt: skip
            by_year.append({sid: found for sid, found in values.items() if sid in disciplined})
        return masks, best, by_year

    def heads(self, ctx: Context) -> dict:
        heads = {}
        for sid in ctx.ids:
            rows = (
                Membership.objects.filter(person_id=sid, is_head=True)
                .filter(Q(end__isnull=True) | Q(end__gte=ctx.as_of))
                .order_by("unit_id")
                .values_list("unit_id", "unit__name")
            )
            if rows:
                heads[sid] = tuple(rows)
        return heads

    def metric_values(self, ctx: Context, metric: str, best_in: bool) -> dict:
        values = {}
        for sid in ctx.ids:
            household = Household.objects.get(pk=sid)
            best = None
            if best_in:
                peers = Household.objects.filter(locality_id=household.locality_id)
                incomes = peers.values_list("annual_income", flat=True)
                incomes = [v for v in incomes if v is not None]
                best = max(incomes) if incomes else None
            values[sid] = (household.annual_income, best)
        return values

    def member_counts(self, ctx: Context) -> dict:
        counts = {sid: Person.objects.filter(unit_id=sid).count() for sid in ctx.ids}
        return {sid: n for sid, n in counts.items() if n}

    def members_holding(self, ctx: Context, title_ids, year: int) -> dict:
        counts = {}
        for sid in ctx.ids:
            n = (
                TitleRecord.objects.filter(
                    person__unit_id=sid,
                    title_id__in=title_ids,
                    year=year,
                    nature=AwardNature.REGULAR,
                )
                .values("person_id")
                .distinct()
                .count()
            )
            if n:
                counts[sid] = n
        return counts

    def open_cases(self, ctx: Context, kinds) -> dict:
        cases = {}
        for sid in ctx.ids:
            found = []
            rows = ComplianceCase.objects.filter(kind__in=kinds, **self._of(ctx, sid))
            for case in rows.order_by("opened_on", "pk"):
                if case.opened_on > ctx.as_of:
                    continue
                still_open = case.closed_on is None or case.closed_on > ctx.as_of
                in_effect = case.kind == CaseKind.DISCIPLINE and (
                    case.effect_until is not None and case.effect_until >= ctx.as_of
                )
                if still_open or in_effect:
                    found.append((case.kind, case.opened_on, case.effect_until))
            if found:
                cases[sid] = tuple(found)
        return cases

    def judgements(self, ctx: Context, criterion_id: int) -> dict:
        result = {}
        for sid in ctx.ids:
            judgement = Judgement.objects.filter(
                criterion_id=criterion_id, year=ctx.year, **self._of(ctx, sid)
            ).first()
            if judgement is not None:
                result[sid] = (judgement.met, judgement.evidence)
        return result


def evaluate_naive(**kwargs):
    from guongsang.plans.engine.core import evaluate

    return evaluate(source=Naive(), **kwargs)
