"""Background work of the plans app: eligibility runs."""

from django_tasks import task

from guongsang.plans.engine.runs import run_execute
from guongsang.plans.models import EligibilityRun


@task()
def run_eligibility(run_id: int) -> str:
    """Evaluate a criteria set over every candidate of the run and store the results."""
    run = EligibilityRun.objects.select_related("criteria_set", "unit").get(pk=run_id)
    return run_execute(run=run).status
