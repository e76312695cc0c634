"""Health of what the site needs: the database and the task queue.

Each check returns (ok, details). Another part of the system that needs watching adds a function to CHECKS."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections
from django.utils import timezone


def check_database() -> tuple[bool, dict]:
    started = time.perf_counter()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return False, {"error": type(exc).__name__}
    return True, {"vendor": connections["default"].vendor, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_tasks() -> tuple[bool, dict]:
    """The task queue answers and work does not wait. With the background app installed its own verdict counts
    (queue reachable, nothing waiting over 10 minutes, a worker and the scheduler alive); otherwise every
    configured backend is asked, and a database queue counts as stalled when its oldest due task has waited
    longer than WIJKKRACHT_HEALTH_TASK_MAX_WAIT seconds."""
    from django.apps import apps
    from django.tasks import task_backends

    if apps.is_installed("wijkkracht.background"):
        from wijkkracht.background.queue import queue_health

        health = queue_health()
        return health.ok, health.as_dict()

    details: dict = {}
    ok = True
    for alias in task_backends.settings:
        backend = task_backends[alias]
        kind = f"{type(backend).__module__}.{type(backend).__qualname__}"
        try:
            if kind.startswith("django_tasks_db."):
                info = _database_queue(alias)
            elif kind.startswith("django_tasks_rq."):
                info = _rq_queue(backend)
            else:
                info = {}
        except Exception as exc:
            ok = False
            details[alias] = {"backend": kind, "error": type(exc).__name__}
            continue
        if info.get("stalled"):
            ok = False
        details[alias] = {"backend": kind, **info}
    return ok, details


def _database_queue(alias: str) -> dict:
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    due = DBTaskResult.objects.ready().filter(backend_name=alias, run_after__lte=now)
    oldest = due.order_by("run_after").values_list("run_after", flat=True).first()
    wait = (now - oldest).total_seconds() if oldest else 0.0
    return {
        "due": due.count(),
        "oldest_due_seconds": round(wait, 1),
        "stalled": wait > settings.WIJKKRACHT_HEALTH_TASK_MAX_WAIT,
    }


def _rq_queue(backend) -> dict:
    queues = backend._get_queues()
    for queue in queues:
        queue.connection.ping()
    return {"due": sum(queue.count for queue in queues)}


CHECKS: dict[str, Callable[[], tuple[bool, dict]]] = {"database": check_database, "tasks": check_tasks}


def run_checks() -> tuple[bool, dict]:
    results = {}
    healthy = True
    for name, check in CHECKS.items():
        ok, details = check()
        healthy &= ok
        results[name] = {"ok": ok, **details}
    return healthy, results
