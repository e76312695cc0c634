"""Policy for the demo mailbox: administrators read the mail the platform sent (demo only: with a real mail
server the mailbox does not exist)."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db.models import QuerySet

from wijkkracht.accounts.scope import scope_of


class Action(StrEnum):
    READ_MAILBOX = "read_mailbox"


def mailbox_enabled() -> bool:
    """True where delivered mail lands in the mailbox (the demo: WIJKKRACHT_MAILBOX with the MailboxBackend as
    the delivery mailer), never beside a real mail server."""
    return bool(getattr(settings, "WIJKKRACHT_MAILBOX", False))


def can(user, action: Action | str, obj=None) -> bool:
    action = Action(action)  # an unknown action raises ValueError
    if action is Action.READ_MAILBOX:
        return scope_of(user).is_admin
    raise AssertionError(action)


def visible_to(user, qs: QuerySet, action: Action | str = Action.READ_MAILBOX) -> QuerySet:
    return qs if can(user, action) else qs.none()
