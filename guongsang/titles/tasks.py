"""Background work of the titles app: running XLSX imports."""

from django_tasks import task

from guongsang.common import importing
from guongsang.common.models import ImportJob
from guongsang.titles.importers import IMPORTERS


@task()
def import_run(job_id: int) -> str:
    """Validate every row of an uploaded file, then save all of it or nothing."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    importing.job_run(job=job, importer_class=IMPORTERS[job.kind])
    return job.status
