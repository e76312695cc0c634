"""Tests: SQLite by default, PostgreSQL when DATABASE_URL points at one."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, database_from_env

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {"default": database_from_env("sqlite://:memory:")}
# Django's test runner turns every mailer into locmem; tests of the outbox path switch it on (tests/mail).
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}
WIJKKRACHT_MAILBOX = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; Argon2 is tested on its own
WIJKKRACHT_REQUIRE_STAFF_2FA = False
# Tasks run at once, in the enqueueing thread, when the transaction commits (tests of the real queues switch
# backend: tests/background).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
WIJKKRACHT_DEMO = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A tiny app with a model with states, to test the workflow rail (tests/workflow/testapp).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.workflow.testapp"]
