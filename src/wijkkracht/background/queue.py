"""Enqueueing tasks, and the health of the queue.

Tasks are Django tasks (`django.tasks.task`) in `<app>/tasks.py`. They take ids (never model instances or
personal data), are idempotent (a task delivered twice does its work once) and are enqueued when the
surrounding transaction commits, so a worker never sees a row that was rolled back or not yet written.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import Task, task_backends
from django.utils import timezone

# A task ready for longer than this means no worker is taking work.
STALE_AFTER = timedelta(minutes=10)
# The scheduler ticks every minute; silence longer than this means it stopped.
SCHEDULER_SILENT_AFTER = timedelta(minutes=5)


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue `task(*args, **kwargs)` once the current transaction commits (at once outside a transaction).
    Arguments must be JSON: ids and plain values."""
    transaction.on_commit(partial(task.enqueue, *args, **kwargs), robust=False)


@dataclass(frozen=True)
class QueueHealth:
    backend: str
    reachable: bool
    ready: int | None = None
    oldest_ready_seconds: float | None = None
    workers: int | None = None
    scheduler_seconds_ago: float | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return (
            self.reachable
            and self.workers != 0
            and (self.oldest_ready_seconds is None or self.oldest_ready_seconds < STALE_AFTER.total_seconds())
            and (
                self.scheduler_seconds_ago is None
                or self.scheduler_seconds_ago < SCHEDULER_SILENT_AFTER.total_seconds()
            )
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}


def _scheduler_seconds_ago() -> float | None:
    from .models import Heartbeat

    beat = Heartbeat.objects.filter(name="scheduler").values_list("at", flat=True).first()
    return None if beat is None else (timezone.now() - beat).total_seconds()


def queue_health() -> QueueHealth:
    """Is the task queue usable? For the health check: the queue answers, no task waits longer than
    STALE_AFTER (a worker is taking work) and the scheduler ticked recently (when it has ever run).
    Never raises."""
    backend = task_backends["default"]
    name = type(backend).__name__
    try:
        scheduler = _scheduler_seconds_ago()
        if name == "DatabaseBackend":
            from django_tasks_db.models import DBTaskResult, get_date_max

            ready = DBTaskResult.objects.ready().filter(backend_name=backend.alias)
            # A task waits from when it was enqueued, or, when deferred, from when it became due.
            waiting_since = [
                ready.filter(run_after=get_date_max())
                .order_by("enqueued_at")
                .values_list("enqueued_at", flat=True)
                .first(),
                ready.exclude(run_after=get_date_max())
                .order_by("run_after")
                .values_list("run_after", flat=True)
                .first(),
            ]
            oldest = min((moment for moment in waiting_since if moment is not None), default=None)
            age = None if oldest is None else (timezone.now() - oldest).total_seconds()
            return QueueHealth(name, True, ready.count(), age, scheduler_seconds_ago=scheduler)
        if hasattr(backend, "health"):
            return backend.health(scheduler_seconds_ago=scheduler)
        return QueueHealth(name, True, scheduler_seconds_ago=scheduler)
    except Exception as error:  # noqa: BLE001 - a health check reports, it does not fail
        return QueueHealth(name, False, detail=type(error).__name__)


def is_queue_healthy() -> bool:
    return queue_health().ok


def backend_label() -> str:
    return str(settings.TASKS["default"]["BACKEND"])
