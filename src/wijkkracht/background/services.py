"""Writes of the background app: claiming periodic slots and recording their runs."""

from __future__ import annotations

import logging
import traceback
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Heartbeat, PeriodicRun
from .periodic import get_job, jobs
from .queue import enqueue_on_commit

logger = logging.getLogger(__name__)


def scheduler_tick(*, now: datetime | None = None) -> list[PeriodicRun]:
    """Claim every due slot that has no run yet and enqueue its job (on commit). Safe to call any number of
    times, from any number of schedulers: a slot is claimed once (unique job + slot)."""
    from .tasks import run_periodic_job

    now = now or timezone.now()
    claimed = []
    for job in jobs():
        slot = job.slot(now)
        try:
            with transaction.atomic():
                run, created = PeriodicRun.objects.get_or_create(job=job.name, slot=slot)
                if created:
                    enqueue_on_commit(run_periodic_job, run.pk)
        except IntegrityError:  # another scheduler claimed the same slot at the same moment
            continue
        if created:
            claimed.append(run)
    Heartbeat.objects.update_or_create(name="scheduler", defaults={"at": now})
    return claimed


def periodic_run_execute(*, run_id: int) -> PeriodicRun | None:
    """Run one claimed slot. A run already started or finished is skipped (the task was delivered twice)."""
    with transaction.atomic():
        run = PeriodicRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.started_at is not None:
            return None
        run.started_at = timezone.now()
        run.save(update_fields=["started_at"])
    try:
        result = get_job(run.job).func()
    except Exception as error:
        run.failed_at = timezone.now()
        run.error = "".join(traceback.format_exception_only(error)).strip()[:2000]
        run.save(update_fields=["failed_at", "error"])
        logger.exception("Periodic job %s for slot %s failed", run.job, run.slot.isoformat())
        raise
    run.finished_at = timezone.now()
    run.result = result if isinstance(result, int | str | float | bool | dict | list) or result is None else str(result)
    run.save(update_fields=["finished_at", "result"])
    return run
