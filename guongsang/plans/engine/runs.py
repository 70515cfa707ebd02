"""Eligibility runs: start one (enqueued), execute it, keep its results for lists and exports."""

import itertools
import time

from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.plans.engine.core import ELIGIBLE, NEEDS, NOT_ELIGIBLE, evaluate
from guongsang.plans.engine.reasons import CompactJSON, reasons_compact
from guongsang.plans.models import CriteriaSet, EligibilityResult, EligibilityRun

BATCH = 5000


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
    """Keep the results (compact reasons, see reasons.py): COPY on PostgreSQL, else batches.

    Each distinct reasons list is turned into JSON once; rows are written without model
    instances.
    """
    field = {"individual": "person", "collective": "unit", "household": "household"}[
        run.criteria_set.subject_kind
    ]
    meta = EligibilityResult._meta
    names = ["run", field, "verdict", "score", "reasons", "subject_name", "unit_name", "name_sort"]
    columns = [meta.get_field(name).column for name in names]
    as_json = CompactJSON()
    rows = (
        (
            run.pk, result.id, result.verdict, result.score,
            as_json(result.reasons, result.verdict), result.name[:255],
            (result.unit_name or "")[:255], result.name_sort,
        )
        for result in results
    )  # fmt: skip
    quote = connection.ops.quote_name
    table, listed = quote(meta.db_table), ", ".join(quote(column) for column in columns)
    count = 0
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({listed}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    sql = f"INSERT INTO {table} ({listed}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, BATCH)):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


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
    result.verdict, result.score = fresh.verdict, fresh.score
    result.reasons = reasons_compact(fresh.reasons, fresh.verdict)
    result.save(update_fields=["verdict", "score", "reasons"])
    if before != result.verdict:
        names = {ELIGIBLE: "eligible", NOT_ELIGIBLE: "not_eligible", NEEDS: "needs_judgement"}
        setattr(run, names[before], getattr(run, names[before]) - 1)
        setattr(run, names[result.verdict], getattr(run, names[result.verdict]) + 1)
        run.save(update_fields=["eligible", "not_eligible", "needs_judgement"])
    return result
