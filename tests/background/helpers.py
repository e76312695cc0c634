"""Switching the task backend inside a test (Django caches backends; override_settings alone does not reset)."""

from contextlib import contextmanager

from asgiref.local import Local
from django.tasks import task_backends
from django.test import override_settings


def _reset() -> None:
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@contextmanager
def tasks_backend(config: dict):
    with override_settings(TASKS={"default": config}):
        _reset()
        try:
            yield task_backends["default"]
        finally:
            _reset()
    _reset()


DATABASE = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
