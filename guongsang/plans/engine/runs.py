"""Eligibility runs: start one (enqueued), execute it, keep its results for lists and exports."""

import time

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.plans.engine.core import ELIGIBLE, NEEDS, NOT_ELIGIBLE, evaluate
from guongsang.plans.models import CriteriaSet, EligibilityResult, EligibilityRun

BATCH = 2000


@transaction.atomic
def run_start(*, criteria_set: CriteriaSet, year: int, unit, actor) -> EligibilityRun:
    """Record the run and enqueue its evaluation once the transaction commits."""
    from guongsang.plans import tasks

    if not 1945 <= year <= 2100:
        raise DomainError(_("The evaluation year must be between 1945 and 2100."))
    run = EligibilityRun.objects.create(
        criteria_set=criteria_set, year=year, unit=unit, created_by=actor
    )
    transaction.on_commit(lambda: tasks.run_eligibility.enqueue(run.pk))
    return run


def run_execute(*, run: EligibilityRun) -> EligibilityRun:
    """Evaluate every candidate (reasons rendered in Vietnamese) and store the results."""
    EligibilityRun.objects.filter(pk=run.pk).update(status=EligibilityRun.Status.RUNNING)
    started = time.monotonic()
    try:
        with translation.override("vi"):
            results = evaluate(criteria_set=run.criteria_set, year=run.year, unit=run.unit)
        with transaction.atomic():
            run.results.all().delete()
            results_store(run=run, results=results)
    except Exception as error:  # noqa: BLE001 — the run page shows what went wrong
        run.status, run.message = EligibilityRun.Status.FAILED, str(error)[:2000]
        run.save(update_fields=["status", "message"])
        return run
    counts = {ELIGIBLE: 0, NOT_ELIGIBLE: 0, NEEDS: 0}
    for result in results:
        counts[result.verdict] += 1
    run.candidates = len(results)
    run.eligible, run.not_eligible = counts[ELIGIBLE], counts[NOT_ELIGIBLE]
    run.needs_judgement = counts[NEEDS]
    run.seconds = round(time.monotonic() - started, 3)
    run.status = EligibilityRun.Status.DONE
    run.save()
    return run


def results_store(*, run: EligibilityRun, results) -> int:
    field = {"individual": "person_id", "collective": "unit_id", "household": "household_id"}[
        run.criteria_set.subject_kind
    ]
    rows = (
        EligibilityResult(
            run=run,
            verdict=result.verdict,
            score=result.score,
            reasons=result.reasons,
            subject_name=result.name[:255],
            unit_name=(result.unit_name or "")[:255],
            name_sort=result.name_sort,
            **{field: result.id},
        )
        for result in results
    )
    return len(EligibilityResult.objects.bulk_create(rows, batch_size=BATCH))


@transaction.atomic
def run_refresh_subject(*, run: EligibilityRun, result: EligibilityResult) -> EligibilityResult:
    """Re-evaluate one candidate after a judgement and update the run's counts."""
    with translation.override("vi"):
        (fresh,) = evaluate(
            criteria_set=run.criteria_set, year=run.year, subject_ids=[result.subject.pk]
        ) or (None,)
    if fresh is None:
        return result
    before = result.verdict
    result.verdict, result.score, result.reasons = fresh.verdict, fresh.score, fresh.reasons
    result.save(update_fields=["verdict", "score", "reasons"])
    if before != result.verdict:
        names = {ELIGIBLE: "eligible", NOT_ELIGIBLE: "not_eligible", NEEDS: "needs_judgement"}
        setattr(run, names[before], getattr(run, names[before]) - 1)
        setattr(run, names[result.verdict], getattr(run, names[result.verdict]) + 1)
        run.save(update_fields=["eligible", "not_eligible", "needs_judgement"])
    return result
