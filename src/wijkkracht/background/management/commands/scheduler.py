"""The one entry point for periodic jobs. Production: a cron job or systemd timer runs `manage.py scheduler`
every minute. The demo (`make run`): `manage.py scheduler --loop` ticks every minute until Ctrl+C."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from wijkkracht.background.periodic import jobs
from wijkkracht.background.services import interrupted_tasks_requeue, scheduler_tick


class Command(BaseCommand):
    help = "Enqueue the periodic jobs that are due (once per time slot)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep ticking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--list", action="store_true", help="List the registered periodic jobs and stop.")

    def handle(self, *, loop: bool, interval: float, list: bool, verbosity: int, **options):  # noqa: A002
        if list:
            for job in jobs():
                when = f"every {job.every}" if job.every else f"daily at {job.daily_at:%H:%M}"
                self.stdout.write(f"{job.name:40} {when}")
            return
        try:
            while True:
                interrupted_tasks_requeue()
                for run in scheduler_tick():
                    if verbosity:
                        self.stdout.write(f"enqueued {run.job} for {run.slot.isoformat()}")
                if not loop:
                    return
                time.sleep(interval)
                close_old_connections()  # like a request: drop broken or expired connections between ticks
        except KeyboardInterrupt:
            return
