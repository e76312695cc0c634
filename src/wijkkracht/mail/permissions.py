"""Policy for the demo mailbox: administrators read the mail the platform sent. Only in the demo: beside a real
mail server the mailbox does not exist (its pages answer 404 and the menu hides it)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from wijkkracht.accounts.policy import Policy, PolicyAction


class Action(PolicyAction):
    MAILBOX_READ = "mail.mailbox_read"


policy = Policy(Action)


def mailbox_enabled() -> bool:
    """True where delivered mail lands in the mailbox (the demo: WIJKKRACHT_MAILBOX with the MailboxBackend as
    the delivery mailer), never beside a real mail server."""
    return bool(getattr(settings, "WIJKKRACHT_MAILBOX", False))


@policy.rule(Action.MAILBOX_READ)
def _administrators(user, scope, obj) -> bool:
    return mailbox_enabled() and scope.is_admin


@policy.filter(Action.MAILBOX_READ)
def _everything_or_nothing(user, scope, qs: QuerySet) -> QuerySet:
    return qs if mailbox_enabled() and scope.is_admin else qs.none()


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs: QuerySet, action: Action) -> QuerySet:
    return policy.visible_to(user, qs, action)
