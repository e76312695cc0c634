"""Module-level tasks for the queue tests."""

from django.tasks import task

from wijkkracht.background.models import Heartbeat


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def touch(name: str) -> str:
    """Writes a row, so a test can see that the worker ran it against the database."""
    from django.utils import timezone

    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})
    return name


@task
def fail() -> None:
    raise ValueError("broken on purpose")
