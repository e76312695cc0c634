"""The operator sees the task queue in the admin: what waits, what failed, when the scheduler last ran."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wijkkracht.background.models import Heartbeat, PeriodicRun


def _task(status: str, exception: str = "") -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [7], "kwargs": {}},
        task_path="wijkkracht.mail.tasks.deliver_mail",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path=exception,
        traceback="",
    )


def test_the_administrator_sees_waiting_and_failed_tasks_and_the_scheduler(world, client_for):
    _task("READY")
    _task("FAILED", "smtplib.SMTPServerDisconnected")
    Heartbeat.objects.create(name="scheduler", at=timezone.now() - dt.timedelta(seconds=30))
    PeriodicRun.objects.create(job="mail.retry_failed", slot=timezone.now().replace(second=0, microsecond=0))
    client = client_for("administrator")

    page = client.get(reverse("admin:background_queuedtask_changelist")).content.decode()
    assert "Taken die wachten" in page and "deliver_mail" in page and "SMTPServerDisconnected" in page
    assert "seconden geleden" in page  # the scheduler's last tick
    failed = client.get(reverse("admin:background_queuedtask_changelist") + "?status__exact=FAILED")
    assert failed.context["cl"].result_count == 1
    runs = client.get(reverse("admin:background_periodicrun_changelist")).content.decode()
    assert "mail.retry_failed" in runs


def test_the_queue_is_read_only_and_only_for_administrators(world, client_for):
    task = _task("FAILED", "ValueError")
    admin_client = client_for("administrator")
    change = reverse("admin:background_queuedtask_change", args=[task.pk])
    assert admin_client.get(change).status_code == 200  # a read-only view
    assert admin_client.post(change, {}).status_code == 403
    assert admin_client.get(reverse("admin:background_queuedtask_add")).status_code == 403
    assert admin_client.get(reverse("admin:background_queuedtask_delete", args=[task.pk])).status_code == 403
    assert client_for("professional_a").get(reverse("admin:background_queuedtask_changelist")).status_code == 403


def test_the_queue_page_reads_in_english(world, client_for):
    from django.conf import settings

    client = client_for("administrator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("admin:background_queuedtask_changelist"))
    assert page.headers["Content-Language"] == "en"
    assert "Tasks waiting" in page.content.decode()
