"""Running an import: check every row, save all or nothing, record a job's progress and outcome."""

import io
import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guongsang.common.importing.importer import Importer, Outcome
from guongsang.common.importing.workbook import FileRefused, read_rows
from guongsang.common.models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 200
MAX_STORED_ERRORS = 2000


def import_rows(
    importer: Importer, file, *, on_progress: Callable[[int, int], None] | None = None
) -> Outcome:
    """Validate every row; save all of them in one transaction only if none has an error."""
    rows, errors = read_rows(importer, file)
    if errors:
        return Outcome(total=0, errors=errors)
    if not rows:
        return Outcome(
            total=0, errors=[{"row": 2, "column": "", "message": _("The file has no data rows.")}]
        )
    total = len(rows)
    progress = on_progress or (lambda done, total: None)
    progress(0, total)
    importer.prepare(rows)
    for done, row in enumerate(rows, start=1):
        importer.check(row)
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    importer.finish(rows)
    progress(total, total)
    errors = sorted((error for row in rows for error in row.errors), key=lambda error: error["row"])
    if errors:
        return Outcome(total=total, errors=errors)
    with transaction.atomic():
        created = importer.save(rows)
    return Outcome(total=total, created=created)


def job_run(*, job: ImportJob, importer_class: type[Importer]) -> ImportJob:
    """Run an import job to its end, recording progress and the outcome (in Vietnamese)."""
    with translation.override("vi"):
        job.status, job.processed_rows, job.errors, job.message = ImportStatus.RUNNING, 0, [], ""
        job.save(update_fields=["status", "processed_rows", "errors", "message"])

        def on_progress(done: int, total: int) -> None:
            job.processed_rows, job.total_rows = done, total
            job.save(update_fields=["processed_rows", "total_rows"])

        importer = importer_class(user=job.created_by, source=job.original_name)
        try:
            with job.file.open("rb") as stored:
                outcome = import_rows(importer, io.BytesIO(stored.read()), on_progress=on_progress)
        except FileRefused as refused:
            outcome = Outcome(
                total=0, errors=[{"row": 1, "column": "", "message": refused.message}]
            )
        except Exception:
            logger.exception("Import job %s stopped", job.pk)
            outcome = None
            job.status = ImportStatus.FAILED
            job.message = _("The import stopped on an unexpected error; nothing was saved.")
        if outcome is not None:
            _record_outcome(job, outcome)
        job.finished_at = timezone.now()
        job.save()
    return job


def _record_outcome(job: ImportJob, outcome: Outcome) -> None:
    job.total_rows = outcome.total
    if outcome.ok:
        job.status = ImportStatus.SUCCEEDED
        job.processed_rows = outcome.total
        job.created_rows = outcome.created
        job.message = _("%(count)d rows were saved.") % {"count": outcome.created}
        return
    job.status = ImportStatus.FAILED
    job.created_rows = 0
    job.errors = outcome.errors[:MAX_STORED_ERRORS]
    bad_rows = len({error["row"] for error in outcome.errors})
    job.message = _(
        "%(errors)d problems in %(rows)d rows; nothing was saved. "
        "Correct the file and upload it again."
    ) % {"errors": len(outcome.errors), "rows": bad_rows}
    if len(outcome.errors) > MAX_STORED_ERRORS:
        job.message += " " + _("Only the first %(count)d problems are listed.") % {
            "count": MAX_STORED_ERRORS
        }
