"""Run the task worker for the configured queue: the database queue (django-tasks-db) or Redis (RQ)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.tasks import task_backends

from wijkkracht.background.redis_queue import RQBackend
from wijkkracht.background.services import interrupted_tasks_requeue, worker_id


class Command(BaseCommand):
    help = "Run the background task worker (stop with Ctrl+C)."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Run the waiting tasks, then stop.")

    def handle(self, *, burst: bool, verbosity: int, **options):
        backend = task_backends["default"]
        if isinstance(backend, RQBackend):
            from rq import Worker

            queues = [backend.queue(name) for name in sorted(backend.queues)]
            worker = Worker(queues, connection=backend.connection())
            worker.work(burst=burst, with_scheduler=True, logging_level="INFO" if verbosity else "WARNING")
            return
        if type(backend).__name__ == "DatabaseBackend":
            # Tasks left running by a worker that died (killed, machine restarted) run again first.
            interrupted_tasks_requeue()
            call_command(
                "db_worker",
                queue_name="*",
                batch=burst,
                reload=False,
                startup_delay=not burst,
                worker_id=worker_id(),
                verbosity=verbosity,
            )
            return
        self.stdout.write(f"The {type(backend).__name__} backend needs no worker.")
