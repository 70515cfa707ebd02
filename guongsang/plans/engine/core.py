"""The eligibility engine: every candidate of a criteria set at once, for an evaluation year.

A source (SetBased, or Naive for reference) answers a constant number of questions per
criterion, each as {subject id: fact}; the rules turn facts into outcomes in Python, with
memos keyed by the fact, so the per-candidate work is a few dictionary look-ups.
Verdicts: eligible, not eligible, needs a person's judgement — with reasons in the active
language (a run renders them in Vietnamese).
"""

import datetime
from collections import namedtuple

from guongsang.plans.engine import hooks, texts
from guongsang.plans.engine.context import (
    OPEN_END,
    Context,
    candidates_load,
    first_counting_year,
    window,
)
from guongsang.plans.engine.setbased import SetBased
from guongsang.plans.enums import CriterionKind as K
from guongsang.plans.enums import Verdict
from guongsang.plans.models import CriteriaSet
from guongsang.titles.models import Title

ELIGIBLE, NOT_ELIGIBLE, NEEDS = (
    Verdict.ELIGIBLE.value,
    Verdict.NOT_ELIGIBLE.value,
    Verdict.NEEDS_JUDGEMENT.value,
)
SCORE_SCALE = 1_000_000
CandidateResult = namedtuple("CandidateResult", "id name unit_name name_sort verdict score reasons")


class Outcome:
    """One criterion's answer for a candidate; shared by every candidate with the same facts."""

    __slots__ = ("verdict", "text", "score")

    def __init__(self, verdict: str, text: str, score: int = 0):
        self.verdict, self.text, self.score = verdict, text, score


def all_of(verdicts) -> str:
    verdicts = list(verdicts)
    if NOT_ELIGIBLE in verdicts:
        return NOT_ELIGIBLE
    return NEEDS if NEEDS in verdicts else ELIGIBLE


def any_of(verdicts) -> str:
    verdicts = list(verdicts)
    if ELIGIBLE in verdicts:
        return ELIGIBLE
    return NEEDS if NEEDS in verdicts else NOT_ELIGIBLE


def evaluate(
    *,
    criteria_set: CriteriaSet,
    year: int,
    unit=None,
    subject_ids: list[int] | None = None,
    as_of: datetime.date | None = None,
    source=None,
    depth: int = 0,
) -> list[CandidateResult]:
    """Every candidate of the set's subject kind under `unit` (or the listed ids)."""
    ctx = Context(kind=criteria_set.subject_kind, year=year, unit=unit, subject_ids=subject_ids)
    ctx.as_of, ctx.depth = as_of or datetime.date.today(), depth
    source = source or SetBased()
    candidates = candidates_load(ctx)
    ctx.ids = ids = [c[0] for c in candidates]
    rows = list(criteria_set.criteria.all())
    tree: dict = {}
    for row in rows:
        tree.setdefault(row.parent_id, []).append(row)
    for children in tree.values():
        children.sort(key=lambda c: (c.order, c.pk))
    leaves = [row for row in _walk(tree, None) if row.kind not in (K.ALL_OF, K.ANY_OF)]
    columns = []
    if leaves:
        rules = _Rules(ctx, source, _titles())
        if any(leaf.kind in _USES_DISCIPLINE for leaf in leaves):
            rules.ends = source.discipline_ends(ctx)
        for leaf in leaves:
            # Candidates without facts share the default outcome: one dict look-up each.
            resolve, keys = rules.resolver(leaf)
            default, outcomes = resolve(None), {sid: resolve(sid) for sid in keys}
            get = outcomes.get
            columns.append([get(sid, default) for sid in ids])
    combined: dict = {}
    results = []
    rows = zip(*columns, strict=True) if columns else ((),) * len(candidates)
    for (sid, name, unit_name, name_sort, dissolved), outcomes in zip(
        candidates, rows, strict=False
    ):
        answer = combined.get(outcomes)
        if answer is None:
            answer = combined[outcomes] = _combine(tree, outcomes)
        verdict, reasons, score = answer
        if dissolved:
            verdict = NOT_ELIGIBLE
            reasons = [_entry(None, NOT_ELIGIBLE, texts.dissolved(), 0), *reasons]
        results.append(CandidateResult(sid, name, unit_name, name_sort, verdict, score, reasons))
    return results


_USES_DISCIPLINE = {K.TITLE_STREAK, K.RATING_STREAK, K.TITLE_PREFERRED}


def _walk(tree, parent_id):
    for row in tree.get(parent_id, []):
        yield row
        yield from _walk(tree, row.pk)


def _titles() -> dict:
    return {
        code: (pk, name, rank, kind, subject_kind)
        for pk, code, name, rank, kind, subject_kind in Title.objects.values_list(
            "pk", "code", "name", "rank", "kind", "subject_kind"
        )
    }


def _entry(criterion, verdict, text, depth) -> dict:
    return {
        "label": criterion.label if criterion else "",
        "kind": criterion.kind if criterion else "",
        "verdict": verdict,
        "text": text,
        "depth": depth,
    }


def _combine(tree, outcomes) -> tuple:
    """(verdict, reasons, score) of the whole set from the leaves' outcomes, in tree order."""
    leaf_outcomes = iter(outcomes)
    reasons: list[dict] = []
    score = 0

    def node(row, depth) -> str:
        nonlocal score
        if row.kind in (K.ALL_OF, K.ANY_OF):
            entry = _entry(row, ELIGIBLE, "", depth)
            reasons.append(entry)
            verdicts = [node(child, depth + 1) for child in tree.get(row.pk, [])]
            entry["verdict"] = (all_of if row.kind == K.ALL_OF else any_of)(verdicts)
            return entry["verdict"]
        outcome = next(leaf_outcomes)
        score = max(score, outcome.score)
        reasons.append(_entry(row, outcome.verdict, outcome.text, depth))
        return outcome.verdict

    verdict = all_of([node(row, 0) for row in tree.get(None, [])])
    return verdict, reasons, score


class _Rules:
    """Builds, for each leaf criterion, a function subject id → Outcome."""

    def __init__(self, ctx: Context, source, titles: dict):
        self.ctx, self.source, self.titles, self.ends = ctx, source, titles, {}

    def resolver(self, criterion):
        return getattr(self, criterion.kind)(criterion, criterion.params or {})

    def _names(self, codes) -> str:
        return texts.either([self.titles[c][1] for c in codes if c in self.titles])

    def _ids(self, codes) -> list[int]:
        return [self.titles[c][0] for c in codes if c in self.titles]

    def _streak(self, criterion, codes):
        kind = criterion.kind
        first, last = window(criterion.params, self.ctx.year)
        span = last - first + 1
        full = (1 << span) - 1
        masks = self.source.year_masks(self.ctx, self._ids(codes), first, last)
        names, ends, memo = self._names(codes), self.ends, {}

        def resolve(sid):
            key = (masks.get(sid, 0), ends.get(sid))
            outcome = memo.get(key)
            if outcome is None:
                mask, end = key
                allowed = full
                if end is not None:
                    skip = min(max(first_counting_year(end) - first, 0), span)
                    allowed = full & ~((1 << skip) - 1)
                counted = mask & allowed
                missing = [first + i for i in range(span) if not counted >> i & 1]
                if not missing:
                    outcome = Outcome(ELIGIBLE, texts.streak_held(kind, names, first, last))
                else:
                    text = texts.streak_missing(kind, names, missing)
                    if mask & ~allowed:
                        text = f"{text}; {texts.voided(None if end == OPEN_END else end)}"
                    outcome = Outcome(NOT_ELIGIBLE, text)
                memo[key] = outcome
            return outcome

        return resolve, masks.keys() | ends.keys()

    def title_streak(self, criterion, params):
        return self._streak(criterion, params.get("titles", []))

    def rating_streak(self, criterion, params):
        return self._streak(criterion, params.get("ratings", []))

    def title_preferred(self, criterion, params):
        codes = params.get("titles") or [
            code
            for code, (_pk, _n, _r, kind, subject_kind) in self.titles.items()
            if kind == "title" and subject_kind == self.ctx.kind
        ]
        first, last = window(params, self.ctx.year)
        encoded = {self.titles[c][0]: self.titles[c][2] * SCORE_SCALE + self.titles[c][0]
                   for c in codes if c in self.titles}  # fmt: skip
        names = {pk: name for pk, name, *_ in self.titles.values()}
        best = self.source.best_by_year(self.ctx, encoded, first, last) if encoded else {}
        ends, memo = self.ends, {}

        def resolve(sid):
            key = (best.get(sid), ends.get(sid))
            outcome = memo.get(key)
            if outcome is None:
                values, end = key
                start = first_counting_year(end) if end is not None else 0
                held = [
                    (v, first + i) for i, v in enumerate(values or ()) if v and first + i >= start
                ]
                if held:
                    value, year = max(held)
                    text = texts.highest_title(names[value % SCORE_SCALE], year)
                    outcome = Outcome(ELIGIBLE, text, value // SCORE_SCALE)
                else:
                    outcome = Outcome(ELIGIBLE, texts.no_preferred_title())
                memo[key] = outcome
            return outcome

        return resolve, best.keys() | ends.keys()

    def leader_rule(self, criterion, params):
        ctx = self.ctx
        heads = self.source.heads(ctx)
        unit_ids = sorted({pk for units in heads.values() for pk, _name in units})
        status = self._collective_status(params.get("collective_set") or "", unit_ids)
        memo: dict = {}
        not_head = Outcome(ELIGIBLE, texts.not_a_head())

        def one(pk, name):
            verdict = NEEDS if status is None else status.get(pk, NOT_ELIGIBLE)
            if verdict == ELIGIBLE:
                return verdict, texts.head_recognised(name)
            if verdict == NOT_ELIGIBLE:
                return verdict, texts.head_not_recognised(name, ctx.year)
            return verdict, texts.head_needs(name)

        def resolve(sid):
            units = heads.get(sid)
            if not units:
                return not_head
            outcome = memo.get(units)
            if outcome is None:
                answers = [one(pk, name) for pk, name in units]
                verdict = all_of(v for v, _t in answers)
                outcome = memo[units] = Outcome(verdict, "; ".join(t for _v, t in answers))
            return outcome

        return resolve, heads.keys()

    def _collective_status(self, code: str, unit_ids: list[int]) -> dict | None:
        """{unit id: verdict} of the heads' units, or None when a person must judge."""
        ctx = self.ctx
        if hooks.has_recognised_collectives():
            recognised = hooks.recognised_collectives(ctx.year)
            return {pk: ELIGIBLE if pk in recognised else NOT_ELIGIBLE for pk in unit_ids}
        if not code or ctx.depth >= 3:
            return None
        subset = CriteriaSet.objects.filter(code=code, subject_kind="collective").first()
        if subset is None:
            return None
        results = evaluate(
            criteria_set=subset, year=ctx.year, subject_ids=unit_ids, as_of=ctx.as_of,
            source=self.source, depth=ctx.depth + 1,
        )  # fmt: skip
        return {result.id: result.verdict for result in results}

    def metric_rule(self, criterion, params):
        metric, best_in = params.get("metric", ""), "best_in" in params
        op, bound = params.get("op"), params.get("value")
        values = self.source.metric_values(self.ctx, metric, best_in)
        memo: dict = {}

        def resolve(sid):
            key = values.get(sid, (None, None))
            outcome = memo.get(key)
            if outcome is None:
                value, best = key
                if value is None:
                    outcome = Outcome(NEEDS, texts.metric_missing(metric))
                elif best_in:
                    met = value >= best
                    text = texts.metric_best(metric, value, best)
                    outcome = Outcome(ELIGIBLE if met else NOT_ELIGIBLE, text)
                else:
                    met = _compare(value, op, bound)
                    text = texts.metric_bound(metric, value, op, bound, met)
                    outcome = Outcome(ELIGIBLE if met else NOT_ELIGIBLE, text)
                memo[key] = outcome
            return outcome

        return resolve, values.keys()

    def composition(self, criterion, params):
        year = self.ctx.year + int(params.get("year_offset") or 0)
        totals = self.source.member_counts(self.ctx)
        rules = [
            (
                self._names(rule["titles"]),
                rule.get("min_share"),
                rule.get("min_count"),
                self.source.members_holding(self.ctx, self._ids(rule["titles"]), year),
            )
            for rule in params.get("rules", [])
        ]
        memo: dict = {}
        empty = Outcome(NOT_ELIGIBLE, texts.no_members())

        def resolve(sid):
            total = totals.get(sid, 0)
            if not total:
                return empty
            key = (total, *(holding.get(sid, 0) for *_r, holding in rules))
            outcome = memo.get(key)
            if outcome is None:
                verdict, parts = ELIGIBLE, []
                for (names, share, count, _h), held in zip(rules, key[1:], strict=True):
                    if share is not None:
                        parts.append(texts.composition_share(held, total, names, year, share))
                        if held < share * total - 1e-9:
                            verdict = NOT_ELIGIBLE
                    if count is not None:
                        parts.append(texts.composition_count(held, names, year, count))
                        if held < count:
                            verdict = NOT_ELIGIBLE
                outcome = memo[key] = Outcome(verdict, "; ".join(parts))
            return outcome

        return resolve, totals.keys()

    def freeze(self, criterion, params):
        kinds = params.get("kinds") or ["discipline", "inspection", "complaint"]
        cases = self.source.open_cases(self.ctx, kinds)
        clear = Outcome(ELIGIBLE, texts.no_open_case())
        memo: dict = {}

        def resolve(sid):
            found = cases.get(sid)
            if not found:
                return clear
            outcome = memo.get(found)
            if outcome is None:
                text = "; ".join(texts.open_case(*case) for case in found)
                outcome = memo[found] = Outcome(NOT_ELIGIBLE, text)
            return outcome

        return resolve, cases.keys()

    def judged(self, criterion, params):
        found = self.source.judgements(self.ctx, criterion.pk)
        pending = Outcome(NEEDS, texts.not_judged())
        memo: dict = {}

        def resolve(sid):
            key = found.get(sid)
            if key is None:
                return pending
            outcome = memo.get(key)
            if outcome is None:
                met, evidence = key
                verdict = ELIGIBLE if met else NOT_ELIGIBLE
                outcome = memo[key] = Outcome(verdict, texts.judged(met, evidence))
            return outcome

        return resolve, found.keys()


def _compare(value, op: str, bound) -> bool:
    from decimal import Decimal

    bound = Decimal(str(bound))
    return {
        ">=": value >= bound,
        ">": value > bound,
        "<=": value <= bound,
        "<": value < bound,
        "=": value == bound,
    }[op]
