"""The task queue and the periodic jobs in the admin, read-only, for administrators (Action.QUEUE_VIEW).

django-tasks-db registers an admin of its own that asks Django's model permissions, not the policy: it is
taken out, and the queue is shown here under our labels (Dutch, translated). Above both lists stands the
queue's health, the same answer as /status/ (background.queue.queue_health): what waits, for how long, and
when the scheduler last ticked. Tasks carry ids and plain values, never personal data."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from wijkkracht.accounts.admin_base import PolicyModelAdmin
from wijkkracht.background.models import PeriodicRun, QueuedTask
from wijkkracht.background.queue import queue_health

from .permissions import Action

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class _QueueHealthAdmin(PolicyModelAdmin):
    """Read-only (no add, change or delete action), with the queue's health above the list."""

    view_action = list_action = Action.QUEUE_VIEW
    change_list_template = "operations/admin/queue_change_list.html"

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "queue_health": queue_health()})


@admin.register(QueuedTask)
class QueuedTaskAdmin(_QueueHealthAdmin):
    list_display = ("task", "state", "queued", "started", "finished", "error")
    list_filter = ("status", "queue_name")
    search_fields = ("task_path",)
    ordering = ("-enqueued_at",)
    fields = ("task", "state", "queued", "run_after", "started", "finished", "error", "queue_name", "traceback")
    readonly_fields = fields

    @admin.display(description=_("taak"), ordering="task_path")
    def task(self, obj: QueuedTask) -> str:
        return obj.task_path.rsplit(".", 1)[-1]

    @admin.display(description=_("stand"), ordering="status")
    def state(self, obj: QueuedTask) -> str:
        return str(obj.get_status_display())

    @admin.display(description=_("in de wachtrij gezet"), ordering="enqueued_at")
    def queued(self, obj: QueuedTask):
        return obj.enqueued_at

    @admin.display(description=_("gestart"), ordering="started_at")
    def started(self, obj: QueuedTask):
        return obj.started_at

    @admin.display(description=_("klaar"), ordering="finished_at")
    def finished(self, obj: QueuedTask):
        return obj.finished_at

    @admin.display(description=_("fout"))
    def error(self, obj: QueuedTask) -> str:
        return obj.exception_class_path.rsplit(".", 1)[-1]


@admin.register(PeriodicRun)
class PeriodicRunAdmin(_QueueHealthAdmin):
    list_display = ("job", "slot", "enqueued_at", "started_at", "finished_at", "failed_at")
    list_filter = ("job",)
    fields = ("job", "slot", "enqueued_at", "started_at", "finished_at", "failed_at", "result", "error")
    readonly_fields = fields
