"""A task backend for Django's Tasks framework (`django.tasks`) on Redis, through RQ.

django-tasks-rq targets the `django_tasks` backport (its results, signals and base class are the backport's, not
`django.tasks`'), so this is a small backend of our own on RQ itself. Settings:

    TASKS = {"default": {"BACKEND": "wijkkracht.background.redis_queue.RQBackend",
                         "QUEUES": ["default"], "OPTIONS": {"REDIS_URL": "redis://127.0.0.1:6379/0"}}}

The worker is `manage.py worker` (an RQ worker with its scheduler, for `run_after`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import Task, TaskContext, TaskError, TaskResult, TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.tasks.signals import task_enqueued, task_finished, task_started
from django.utils.crypto import get_random_string
from django.utils.json import normalize_json
from django.utils.module_loading import import_string
from redis import Redis
from rq import Queue, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

STATUS = {
    JobStatus.QUEUED: TaskResultStatus.READY,
    JobStatus.DEFERRED: TaskResultStatus.READY,
    JobStatus.SCHEDULED: TaskResultStatus.READY,
    JobStatus.CREATED: TaskResultStatus.READY,
    JobStatus.STARTED: TaskResultStatus.RUNNING,
    JobStatus.FINISHED: TaskResultStatus.SUCCESSFUL,
    JobStatus.FAILED: TaskResultStatus.FAILED,
    JobStatus.STOPPED: TaskResultStatus.FAILED,
    JobStatus.CANCELED: TaskResultStatus.FAILED,
}
RESULT_TTL = 7 * 24 * 3600  # keep results and failures a week


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None or moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class RQBackend(BaseTaskBackend):
    supports_defer = True
    supports_get_result = True
    supports_async_task = False
    supports_priority = False

    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.url = self.options.get("REDIS_URL", "redis://127.0.0.1:6379/0")

    def connection(self) -> Redis:
        return Redis.from_url(self.url)

    def queue(self, name: str) -> Queue:
        return Queue(name, connection=self.connection())

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        result_id = get_random_string(32)
        args, kwargs = normalize_json(list(args)), normalize_json(dict(kwargs))
        queue = self.queue(task.queue_name)
        options = {
            "args": (self.alias, task.module_path, args, kwargs),
            "job_id": result_id,
            "result_ttl": RESULT_TTL,
            "failure_ttl": RESULT_TTL,
            "meta": {"task": task.module_path},
        }
        if task.run_after is not None:
            job = queue.enqueue_at(task.run_after, execute, **options)
        else:
            job = queue.enqueue(execute, **options)
        result = self._result(task, job, status=TaskResultStatus.READY, args=args, kwargs=kwargs)
        task_enqueued.send(type(self), task_result=result)
        return result

    def _result(self, task: Task, job: Job, *, status: TaskResultStatus, args, kwargs) -> TaskResult:
        return TaskResult(
            task=task,
            id=job.id,
            status=status,
            enqueued_at=_aware(job.enqueued_at) or datetime.now(UTC),
            started_at=_aware(job.started_at),
            last_attempted_at=_aware(job.started_at),
            finished_at=_aware(job.ended_at),
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[job.worker_name] if job.worker_name else [],
        )

    def get_result(self, result_id: str) -> TaskResult:
        try:
            job = Job.fetch(result_id, connection=self.connection())
        except NoSuchJobError:
            raise TaskResultDoesNotExist(result_id) from None
        _alias, module_path, args, kwargs = job.args
        task = import_string(module_path)
        status = STATUS.get(job.get_status(), TaskResultStatus.READY)
        result = self._result(
            task.using(backend=self.alias, queue_name=job.origin), job, status=status, args=args, kwargs=kwargs
        )
        latest = job.latest_result()
        if status == TaskResultStatus.SUCCESSFUL and latest is not None:
            object.__setattr__(result, "_return_value", latest.return_value)
        if status == TaskResultStatus.FAILED:
            result.errors.append(
                TaskError(
                    exception_class_path=job.meta.get("exception_class", "builtins.Exception"),
                    traceback=(latest.exc_string if latest is not None else "") or "",
                )
            )
        return result

    def health(self, *, scheduler_seconds_ago: float | None):
        from rq import Worker

        from .queue import QueueHealth

        connection = self.connection()
        connection.ping()
        ready = sum(self.queue(name).count for name in self.queues)
        workers = Worker.count(connection=connection)
        return QueueHealth(
            type(self).__name__,
            True,
            ready,
            workers=workers,
            scheduler_seconds_ago=scheduler_seconds_ago,
            detail="" if workers else "no worker",
        )


def execute(alias: str, module_path: str, args: list, kwargs: dict) -> Any:
    """What the RQ worker runs: the Django task at `module_path`, with Django's task signals."""
    from django.tasks import task_backends

    task = import_string(module_path)
    if not isinstance(task, Task):
        raise TypeError(f"{module_path} is not a task")
    backend = task_backends[alias]
    job = get_current_job()
    assert job is not None
    result = TaskResult(
        task=task,
        id=job.id,
        status=TaskResultStatus.RUNNING,
        enqueued_at=_aware(job.enqueued_at),
        started_at=datetime.now(UTC),
        last_attempted_at=datetime.now(UTC),
        finished_at=None,
        args=args,
        kwargs=kwargs,
        backend=alias,
        errors=[],
        worker_ids=[job.worker_name or ""],
    )
    task_started.send(type(backend), task_result=result)
    try:
        if task.takes_context:
            value = task.call(TaskContext(task_result=result), *args, **kwargs)
        else:
            value = task.call(*args, **kwargs)
    except Exception as error:
        job.meta["exception_class"] = f"{type(error).__module__}.{type(error).__qualname__}"
        job.save_meta()
        object.__setattr__(result, "status", TaskResultStatus.FAILED)
        task_finished.send(type(backend), task_result=result)
        raise
    object.__setattr__(result, "status", TaskResultStatus.SUCCESSFUL)
    object.__setattr__(result, "finished_at", datetime.now(UTC))
    task_finished.send(type(backend), task_result=result)
    return normalize_json(value)
