"""The two queues behind Django's Tasks API: the database (embedded default, django-tasks-db) and Redis (our RQ
backend, tested against the real Redis at REDIS_URL), each run by `manage.py worker`; and the health check."""

import os
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from freezegun import freeze_time

from tests.background import sample_tasks
from tests.background.helpers import DATABASE, tasks_backend
from wijkkracht.background.models import Heartbeat
from wijkkracht.background.queue import enqueue_on_commit, is_queue_healthy, queue_health

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_up() -> bool:
    from redis import Redis

    try:
        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


@pytest.mark.django_db
def test_the_database_queue_runs_tasks_enqueued_on_commit(django_capture_on_commit_callbacks, monkeypatch):
    # The worker drops old connections between tasks, like a request; here that would be the test's transaction.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    with tasks_backend(DATABASE):
        from django_tasks_db.models import DBTaskResult

        with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
            enqueue_on_commit(sample_tasks.touch, "db-queue")
            assert DBTaskResult.objects.count() == 0  # nothing before the commit
        assert DBTaskResult.objects.count() == 0
        for callback in callbacks:
            callback()
        assert DBTaskResult.objects.get().status == TaskResultStatus.READY
        assert not Heartbeat.objects.filter(name="db-queue").exists()

        call_command("worker", "--burst", verbosity=0)

        result = DBTaskResult.objects.get()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert Heartbeat.objects.filter(name="db-queue").exists()
        assert sample_tasks.touch.get_result(str(result.id)).return_value == "db-queue"


@pytest.mark.django_db
def test_a_rolled_back_transaction_enqueues_nothing():
    with tasks_backend(DATABASE):
        from django_tasks_db.models import DBTaskResult

        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(sample_tasks.touch, "never")
            raise RuntimeError
        assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
def test_database_queue_health_sees_a_queue_nobody_works_on():
    with tasks_backend(DATABASE):
        from django_tasks_db.models import DBTaskResult

        assert queue_health().as_dict() | {"backend": "-"} == {
            "backend": "-",
            "reachable": True,
            "ready": 0,
            "oldest_ready_seconds": None,
            "workers": None,
            "scheduler_seconds_ago": None,
            "detail": "",
            "ok": True,
        }
        with freeze_time("2026-11-23 12:00:00+00:00"):
            sample_tasks.add.enqueue(1, 2)
            Heartbeat.objects.create(name="scheduler", at=timezone.now())
        with freeze_time("2026-11-23 12:09:00+00:00"):
            assert queue_health().ok is False  # the scheduler has been silent for 9 minutes
            Heartbeat.objects.filter(name="scheduler").update(at=timezone.now())
            assert is_queue_healthy() is True
        with freeze_time("2026-11-23 12:10:01+00:00"):
            Heartbeat.objects.filter(name="scheduler").update(at=timezone.now())
            health = queue_health()
            assert (health.ready, health.oldest_ready_seconds, health.ok) == (1, 601.0, False)
        with freeze_time("2026-11-23 12:00:00+00:00"):
            sample_tasks.add.using(run_after=timezone.now() + timedelta(minutes=9)).enqueue(2, 2)
        with freeze_time("2026-11-23 12:10:01+00:00"):
            # The deferred task became due a minute ago: it has waited one minute, not ten.
            assert queue_health().ready == 2
            DBTaskResult.objects.filter(task_path__endswith=".add", args_kwargs__args=[1, 2]).delete()
            assert queue_health().oldest_ready_seconds == 61.0


def test_health_reports_an_unreachable_queue_without_raising():
    with tasks_backend(
        {"BACKEND": "wijkkracht.background.redis_queue.RQBackend", "OPTIONS": {"REDIS_URL": "redis://127.0.0.1:1/0"}}
    ):
        health = queue_health()
    assert (health.backend, health.reachable, health.ok) == ("RQBackend", False, False)


@pytest.fixture
def rq_backend():
    if not _redis_up():
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    queue = f"test-{uuid.uuid4().hex[:12]}"  # our own queue: parallel runs and other users never collide
    with tasks_backend(
        {
            "BACKEND": "wijkkracht.background.redis_queue.RQBackend",
            "QUEUES": [queue],
            "OPTIONS": {"REDIS_URL": REDIS_URL},
        }
    ) as backend:
        yield backend, queue
        backend.queue(queue).delete(delete_jobs=True)


def _work(backend, queue) -> None:
    from rq import SimpleWorker

    SimpleWorker([backend.queue(queue)], connection=backend.connection()).work(burst=True)


@pytest.mark.django_db
def test_the_redis_queue_runs_django_tasks_and_reports_their_results(rq_backend):
    backend, queue = rq_backend
    ok = sample_tasks.add.using(queue_name=queue).enqueue(2, 3)
    broken = sample_tasks.fail.using(queue_name=queue).enqueue()
    written = sample_tasks.touch.using(queue_name=queue).enqueue("rq-queue")
    assert backend.get_result(ok.id).status == TaskResultStatus.READY
    assert queue_health().ready == 3

    _work(backend, queue)

    done = sample_tasks.add.get_result(ok.id)
    assert (done.status, done.return_value) == (TaskResultStatus.SUCCESSFUL, 5)
    failed = backend.get_result(broken.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class_path == "builtins.ValueError"
    assert "broken on purpose" in failed.errors[0].traceback
    assert backend.get_result(written.id).status == TaskResultStatus.SUCCESSFUL
    assert Heartbeat.objects.filter(name="rq-queue").exists()


@pytest.mark.django_db
def test_the_redis_queue_defers_a_task_until_its_time(rq_backend):
    from rq.registry import ScheduledJobRegistry

    backend, queue = rq_backend
    later = sample_tasks.add.using(queue_name=queue, run_after=timezone.now() + timedelta(hours=1)).enqueue(1, 1)
    assert later.id in ScheduledJobRegistry(queue=backend.queue(queue)).get_job_ids()
    _work(backend, queue)
    assert backend.get_result(later.id).status == TaskResultStatus.READY


@pytest.mark.django_db
def test_redis_queue_health_needs_a_worker(rq_backend):
    health = queue_health()
    assert (health.reachable, health.ok) == (True, health.workers > 0)


def _claimed(task_result_id, worker: str, started_at):
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=task_result_id).update(
        status=TaskResultStatus.RUNNING, worker_ids=[worker], started_at=started_at
    )


@pytest.mark.django_db
def test_a_task_whose_worker_died_runs_again_and_a_live_workers_task_is_left_alone(monkeypatch):
    import socket

    from wijkkracht.background.services import RUNNING_LEASE, interrupted_tasks_requeue, worker_id

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    host = socket.gethostname()[:48]
    now = timezone.now()
    with tasks_backend(DATABASE):
        from django_tasks_db.models import DBTaskResult

        dead = sample_tasks.touch.enqueue("killed-mid-task")
        alive = sample_tasks.touch.enqueue("still-running")
        elsewhere_old = sample_tasks.touch.enqueue("other-machine-lost")
        elsewhere_recent = sample_tasks.touch.enqueue("other-machine-busy")
        _claimed(dead.id, f"{host}:999999999", now)  # no such process
        _claimed(alive.id, worker_id(), now)  # this very process
        _claimed(elsewhere_old.id, "other-host:12", now - RUNNING_LEASE - timedelta(minutes=1))
        _claimed(elsewhere_recent.id, "other-host:13", now - timedelta(minutes=1))

        assert interrupted_tasks_requeue() == 2
        assert interrupted_tasks_requeue() == 0  # calling it again changes nothing
        status = dict(DBTaskResult.objects.values_list("pk", "status"))
        assert status[uuid.UUID(str(dead.id))] == TaskResultStatus.READY
        assert status[uuid.UUID(str(elsewhere_old.id))] == TaskResultStatus.READY
        assert status[uuid.UUID(str(alive.id))] == TaskResultStatus.RUNNING
        assert status[uuid.UUID(str(elsewhere_recent.id))] == TaskResultStatus.RUNNING

        # A worker starting up runs the interrupted tasks (under its own "<host>:<pid>" id).
        call_command("worker", "--burst", verbosity=0)
        rerun = DBTaskResult.objects.get(pk=dead.id)
        assert rerun.status == TaskResultStatus.SUCCESSFUL
        assert rerun.worker_ids == [f"{host}:999999999", worker_id()]
