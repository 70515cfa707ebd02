"""The eligibility engine: every candidate of a criteria set at once, for an evaluation year.

A source (SetBased, or Naive for reference) answers a constant number of questions per
criteria set, each as {subject id: fact}; the rules (rules.py) turn facts into outcomes in
Python, once per distinct fact, so the per-candidate work is a few look-ups done by C loops
(map over dictionaries) and one combination per distinct tuple of outcomes.
Verdicts: eligible, not eligible, needs a person's judgement — with reasons in the active
language (a run renders them in Vietnamese).
"""

import contextlib
import datetime
import gc
from collections import namedtuple

from guongsang.plans.engine import texts
from guongsang.plans.engine.context import Context, candidates_load
from guongsang.plans.engine.outcome import (
    ELIGIBLE,
    NEEDS,
    NOT_ELIGIBLE,
    SCORE_SCALE,
    Outcome,
    all_of,
    any_of,
)
from guongsang.plans.engine.rules import Rules
from guongsang.plans.engine.setbased import SetBased
from guongsang.plans.enums import CriterionKind as K
from guongsang.plans.models import CriteriaSet
from guongsang.titles.models import Title

__all__ = [
    "ELIGIBLE", "NEEDS", "NOT_ELIGIBLE", "SCORE_SCALE", "CandidateResult", "Outcome", "all_of",
    "any_of", "evaluate",
]  # fmt: skip
CandidateResult = namedtuple("CandidateResult", "id name unit_name name_sort verdict score reasons")


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
    """Every candidate of the set's subject kind under `unit` (or the listed ids).

    Candidates with the same outcomes share one `reasons` list (do not mutate it).
    """
    with _collector_paused():  # it would rescan the growing lists many times over
        return _evaluate(criteria_set, year, unit, subject_ids, as_of, source, depth)


@contextlib.contextmanager
def _collector_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _evaluate(criteria_set, year, unit, subject_ids, as_of, source, depth):
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
        rules = Rules(ctx, source, _titles())
        rules.prefetch(leaves)
        for leaf in leaves:
            facts, outcome_of = rules.resolver(leaf)
            keys = list(map(facts.get, ids))  # None: no facts
            outcomes = {key: outcome_of(key) for key in set(keys)}
            columns.append(list(map(outcomes.__getitem__, keys)))
    combos = list(zip(*columns, strict=True)) if columns else [()] * len(candidates)
    answers = {combo: _combine(tree, combo) for combo in set(combos)}
    results = []
    append = results.append
    for (sid, name, unit_name, name_sort, dissolved), combo in zip(candidates, combos, strict=True):
        verdict, reasons, score = answers[combo]
        if dissolved:
            verdict = NOT_ELIGIBLE
            reasons = [_entry(None, NOT_ELIGIBLE, texts.dissolved(), 0), *reasons]
        append(CandidateResult(sid, name, unit_name, name_sort, verdict, score, reasons))
    return results


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
        "criterion": criterion.pk if criterion else None,
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
