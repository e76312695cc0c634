"""Writes of the background app: claiming periodic slots and recording their runs."""

from __future__ import annotations

import logging
import os
import socket
import traceback
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Heartbeat, PeriodicRun
from .periodic import get_job, jobs
from .queue import enqueue_on_commit

logger = logging.getLogger(__name__)

# A task found running longer than this, by a worker on another machine (whose process cannot be checked),
# is taken to be lost with its worker and put back in the queue. Tasks are idempotent, so a slow task that was
# not lost after all does its work once.
RUNNING_LEASE = timedelta(minutes=30)


def worker_id() -> str:
    """The id a worker of this process claims tasks under: "<host>:<pid>", so a dead worker can be recognised."""
    return f"{socket.gethostname()[:48]}:{os.getpid()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def _worker_gone(claimed_by: str, *, started_at: datetime | None, now: datetime) -> bool:
    host, _, pid = claimed_by.rpartition(":")
    if host == socket.gethostname()[:48] and pid.isdigit():
        return not _process_alive(int(pid))
    return started_at is None or now - started_at > RUNNING_LEASE


def interrupted_tasks_requeue(*, now: datetime | None = None) -> int:
    """Put back in the queue every task whose worker died in the middle of it (killed, machine restarted): its
    process is gone (same machine) or it has run longer than RUNNING_LEASE (another machine). The task then runs
    again from the start; tasks are idempotent, so its effect happens once. Called when a worker starts and on
    every scheduler tick; safe to call from several processes at once. The database queue only: RQ moves the
    jobs of a dead worker to its failed registry by itself."""
    from django.tasks import task_backends

    backend = task_backends["default"]
    if type(backend).__name__ != "DatabaseBackend":
        return 0
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    requeued = 0
    running = DBTaskResult.objects.filter(backend_name=backend.alias, status=TaskResultStatus.RUNNING)
    for pk, worker_ids, started_at in running.values_list("pk", "worker_ids", "started_at"):
        if not worker_ids or not _worker_gone(worker_ids[-1], started_at=started_at, now=now):
            continue
        # Only if nobody changed it meanwhile (it finished, or another process requeued it first).
        requeued += DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Task %s was interrupted (worker %s gone): queued again", pk, worker_ids[-1])
    return requeued


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
