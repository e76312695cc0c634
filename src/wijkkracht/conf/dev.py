"""Local development and the demo (`make run`). Never use in production."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-in-production")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
# Mail goes through the outbox and the worker into the demo mailbox (/postvak/, for administrators).
MAILERS = {
    "default": {"BACKEND": "wijkkracht.mail.backends.OutboxBackend"},
    "delivery": {"BACKEND": "wijkkracht.mail.backends.MailboxBackend"},
}
WIJKKRACHT_MAILBOX = True
# Documented development switch: the demo logs staff in without a second factor.
WIJKKRACHT_REQUIRE_STAFF_2FA = env_bool("WIJKKRACHT_REQUIRE_STAFF_2FA", False)
WIJKKRACHT_DEMO = env_bool("WIJKKRACHT_DEMO", True)

from .base import VAR_DIR  # noqa: E402

VAR_DIR.mkdir(parents=True, exist_ok=True)
