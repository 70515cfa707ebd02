"""The rules: for each leaf criterion, the facts of every candidate and what they mean.

`Rules.resolver(criterion)` answers (facts, outcome_of): facts is {subject id: key} for the
candidates with facts, and outcome_of(key) the Outcome of a key (None: no facts), memoised so
equal keys share one Outcome. The title rules (streaks, title preferred) read facts fetched
for the whole criteria set in one pass (`prefetch`).
"""

from guongsang.plans.engine import hooks, texts
from guongsang.plans.engine.context import OPEN_END, Context, first_counting_year, window
from guongsang.plans.engine.outcome import (
    ELIGIBLE,
    NEEDS,
    NOT_ELIGIBLE,
    SCORE_SCALE,
    YEAR_SCALE,
    Outcome,
    all_of,
    compare,
)
from guongsang.plans.enums import CriterionKind as K
from guongsang.plans.models import CriteriaSet

USES_DISCIPLINE = {K.TITLE_STREAK, K.RATING_STREAK, K.TITLE_PREFERRED}
_STREAKS = {K.TITLE_STREAK: "titles", K.RATING_STREAK: "ratings"}


def _memoised(outcome_of):
    memo: dict = {}

    def get(key):
        outcome = memo.get(key)
        if outcome is None:
            outcome = memo[key] = outcome_of(key)
        return outcome

    return get


class Rules:
    def __init__(self, ctx: Context, source, titles: dict):
        self.ctx, self.source, self.titles, self.ends = ctx, source, titles, {}
        self.streaks: dict = {}  # criterion pk → {id: year mask}
        self.preferred: dict = {}  # criterion pk → ({id: best held}, {id: best by year})

    def resolver(self, criterion):
        return getattr(self, criterion.kind)(criterion, criterion.params or {})

    def _names(self, codes) -> str:
        return texts.either([self.titles[c][1] for c in codes if c in self.titles])

    def _ids(self, codes) -> list[int]:
        return [self.titles[c][0] for c in codes if c in self.titles]

    def prefetch(self, leaves) -> None:
        """The title facts of every streak and title-preferred leaf, in one pass."""
        if any(leaf.kind in USES_DISCIPLINE for leaf in leaves):
            self.ends = self.source.discipline_ends(self.ctx)
        streaks, preferred = [], []
        for leaf in leaves:
            params = leaf.params or {}
            if leaf.kind in _STREAKS:
                ids = self._ids(params.get(_STREAKS[leaf.kind], []))
                streaks.append((leaf.pk, (ids, *window(params, self.ctx.year))))
            elif leaf.kind == K.TITLE_PREFERRED:
                encoded = self._encoded(params)
                if encoded:
                    preferred.append((leaf.pk, (encoded, *window(params, self.ctx.year))))
        if not streaks and not preferred:
            return
        masks, best, by_year = self.source.title_facts(
            self.ctx, [spec for _pk, spec in streaks], [spec for _pk, spec in preferred],
            disciplined=self.ends.keys(),
        )  # fmt: skip
        self.streaks = {pk: found for (pk, _s), found in zip(streaks, masks, strict=True)}
        pairs = zip(best, by_year, strict=True)
        self.preferred = {pk: pair for (pk, _s), pair in zip(preferred, pairs, strict=True)}

    def _streak(self, criterion, codes):
        kind = criterion.kind
        first, last = window(criterion.params, self.ctx.year)
        span = last - first + 1
        full = (1 << span) - 1
        masks = self.streaks.get(criterion.pk, {})
        names = self._names(codes)

        def outcome_of(key):
            mask, end = key
            allowed = full
            if end is not None:
                skip = min(max(first_counting_year(end) - first, 0), span)
                allowed = full & ~((1 << skip) - 1)
            counted = mask & allowed
            missing = [first + i for i in range(span) if not counted >> i & 1]
            if not missing:
                return Outcome(ELIGIBLE, texts.streak_held(kind, names, first, last))
            text = texts.streak_missing(kind, names, missing)
            if mask & ~allowed:
                text = f"{text}; {texts.voided(None if end == OPEN_END else end)}"
            return Outcome(NOT_ELIGIBLE, text)

        outcome = _memoised(outcome_of)
        facts = dict(masks)
        for sid, end in self.ends.items():
            facts[sid] = (masks.get(sid, 0), end)
        return facts, lambda key: outcome(
            key if type(key) is tuple else (key or 0, None)
        )  # fmt: skip

    def title_streak(self, criterion, params):
        return self._streak(criterion, params.get("titles", []))

    def rating_streak(self, criterion, params):
        return self._streak(criterion, params.get("ratings", []))

    def _encoded(self, params) -> dict:
        """{title id: rank·10⁶ + title id} of the preferred titles (default: every title)."""
        codes = params.get("titles") or [
            code
            for code, (_pk, _n, _r, kind, subject_kind) in self.titles.items()
            if kind == "title" and subject_kind == self.ctx.kind
        ]
        return {self.titles[c][0]: self.titles[c][2] * SCORE_SCALE + self.titles[c][0]
                for c in codes if c in self.titles}  # fmt: skip

    def title_preferred(self, criterion, params):
        first, _last = window(params, self.ctx.year)
        best, by_year = self.preferred.get(criterion.pk, ({}, {}))
        names = {pk: name for pk, name, *_ in self.titles.values()}

        def held_outcome(held):
            if not held:
                return Outcome(ELIGIBLE, texts.no_preferred_title())
            value, year = divmod(held, YEAR_SCALE)
            text = texts.highest_title(names[value % SCORE_SCALE], year)
            return Outcome(ELIGIBLE, text, value // SCORE_SCALE)

        def outcome_of(key):
            if type(key) is not tuple:
                return held(key)
            values, end = key  # under a discipline: only the years after it count
            start = first_counting_year(end)
            years = [v * YEAR_SCALE + first + i for i, v in enumerate(values or ()) if v]
            return held(max((y for y in years if y % YEAR_SCALE >= start), default=None))

        held = _memoised(held_outcome)
        facts = dict(best)
        for sid, end in self.ends.items():
            facts[sid] = (by_year.get(sid), end)
        return facts, _memoised(outcome_of)

    def leader_rule(self, criterion, params):
        ctx = self.ctx
        heads = self.source.heads(ctx)
        unit_ids = sorted({pk for units in heads.values() for pk, _name in units})
        status = self._collective_status(params.get("collective_set") or "", unit_ids)

        def one(pk, name):
            verdict = NEEDS if status is None else status.get(pk, NOT_ELIGIBLE)
            if verdict == ELIGIBLE:
                return verdict, texts.head_recognised(name)
            if verdict == NOT_ELIGIBLE:
                return verdict, texts.head_not_recognised(name, ctx.year)
            return verdict, texts.head_needs(name)

        def outcome_of(units):
            if not units:
                return Outcome(ELIGIBLE, texts.not_a_head())
            answers = [one(pk, name) for pk, name in units]
            verdict = all_of(v for v, _t in answers)
            return Outcome(verdict, "; ".join(t for _v, t in answers))

        return heads, _memoised(outcome_of)

    def _collective_status(self, code: str, unit_ids: list[int]) -> dict | None:
        """{unit id: verdict} of the heads' units, or None when a person must judge."""
        from guongsang.plans.engine.core import evaluate

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

        def outcome_of(key):
            value, best = key or (None, None)
            if value is None:
                return Outcome(NEEDS, texts.metric_missing(metric))
            if best_in:
                met = value >= best
                text = texts.metric_best(metric, value, best)
                return Outcome(ELIGIBLE if met else NOT_ELIGIBLE, text)
            met = compare(value, op, bound)
            text = texts.metric_bound(metric, value, op, bound, met)
            return Outcome(ELIGIBLE if met else NOT_ELIGIBLE, text)

        return values, _memoised(outcome_of)

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
        facts = {
            sid: (total, *(holding.get(sid, 0) for *_r, holding in rules))
            for sid, total in totals.items()
            if total
        }

        def outcome_of(key):
            if not key:
                return Outcome(NOT_ELIGIBLE, texts.no_members())
            total, verdict, parts = key[0], ELIGIBLE, []
            for (names, share, count, _h), held in zip(rules, key[1:], strict=True):
                if share is not None:
                    parts.append(texts.composition_share(held, total, names, year, share))
                    if held < share * total - 1e-9:
                        verdict = NOT_ELIGIBLE
                if count is not None:
                    parts.append(texts.composition_count(held, names, year, count))
                    if held < count:
                        verdict = NOT_ELIGIBLE
            return Outcome(verdict, "; ".join(parts))

        return facts, _memoised(outcome_of)

    def freeze(self, criterion, params):
        kinds = params.get("kinds") or ["discipline", "inspection", "complaint"]
        cases = self.source.open_cases(self.ctx, kinds)

        def outcome_of(found):
            if not found:
                return Outcome(ELIGIBLE, texts.no_open_case())
            text = "; ".join(texts.open_case(*case) for case in found)
            return Outcome(NOT_ELIGIBLE, text)

        return cases, _memoised(outcome_of)

    def judged(self, criterion, params):
        found = self.source.judgements(self.ctx, criterion.pk)

        def outcome_of(key):
            if key is None:
                return Outcome(NEEDS, texts.not_judged())
            met, evidence = key
            return Outcome(ELIGIBLE if met else NOT_ELIGIBLE, texts.judged(met, evidence))

        return found, _memoised(outcome_of)
