from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class PeriodicRun(models.Model):
    """One run of a periodic job for one time slot. The unique (job, slot) pair is what makes running the
    scheduler twice the same as running it once: a slot is claimed at most once."""

    job = models.CharField(_("taak"), max_length=80)
    slot = models.DateTimeField(_("tijdvak"))
    enqueued_at = models.DateTimeField(_("in de wachtrij gezet"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    failed_at = models.DateTimeField(_("mislukt"), null=True, blank=True)
    result = models.JSONField(_("uitkomst"), null=True, blank=True)
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("periodieke run")
        verbose_name_plural = _("periodieke runs")
        ordering = ["-slot", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="background_one_run_per_slot")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class Heartbeat(models.Model):
    """The last sign of life of a long-running process (the scheduler), for the health check."""

    name = models.CharField(_("naam"), max_length=40, unique=True)
    at = models.DateTimeField(_("tijdstip"))

    class Meta:
        verbose_name = _("hartslag")
        verbose_name_plural = _("hartslagen")

    def __str__(self) -> str:
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"


class QueuedTask(DBTaskResult):
    """The database queue's tasks (django-tasks-db's table), under a name and labels of our own, for the
    operator's read-only view in the admin (operations.admin). With the Redis queue this table stays empty."""

    class Meta:
        proxy = True
        verbose_name = _("taak in de wachtrij")
        verbose_name_plural = _("takenwachtrij")
        ordering = ["-enqueued_at"]
