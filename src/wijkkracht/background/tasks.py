from django.tasks import task

from . import services


@task
def run_periodic_job(run_id: int) -> bool:
    """Run the periodic job of one claimed slot (PeriodicRun id). Idempotent: a second delivery does nothing."""
    return services.periodic_run_execute(run_id=run_id) is not None
