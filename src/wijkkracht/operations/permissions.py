"""Policy for running the installation: administrators watch the task queue and the periodic jobs."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkkracht.accounts.policy import Policy, PolicyAction


class Action(PolicyAction):
    QUEUE_VIEW = "operations.queue_view"


policy = Policy(Action)


@policy.rule(Action.QUEUE_VIEW)
def _administrators(user, scope, obj) -> bool:
    # Tasks carry ids and plain values, never personal data: the queue is structure, like accounts and roles.
    return scope.is_admin


@policy.filter(Action.QUEUE_VIEW)
def _queue(user, scope, qs: QuerySet) -> QuerySet:
    return qs if scope.is_admin else qs.none()


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs: QuerySet, action: Action) -> QuerySet:
    return policy.visible_to(user, qs, action)
