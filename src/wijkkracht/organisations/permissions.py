"""Policy for organisations. A professional sees their own workplace; a coordinator sees which of the
organisation's professionals serve which centres and districts (names only: employer matters stay with the
employer, outside the platform); administrators create and keep organisations."""

from __future__ import annotations

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction


class Action(PolicyAction):
    WORKPLACE_VIEW = "organisations.workplace_view"
    STAFF_VIEW = "organisations.staff_view"
    MANAGE = "organisations.manage"


policy = Policy(Action)


@policy.rule(Action.WORKPLACE_VIEW)
def _workplace(user, scope, obj) -> bool:
    return scope.has(Role.PROFESSIONAL)


@policy.rule(Action.STAFF_VIEW)
def _staff(user, scope, organisation) -> bool:
    # organisation: an Organisation, or None for "some organisation"
    if not scope.has(Role.COORDINATOR):
        return False
    return organisation is None or organisation.pk in scope.coordinated_organisation_ids


@policy.rule(Action.MANAGE)
def _manage(user, scope, obj) -> bool:
    return scope.is_admin


@policy.filter(Action.STAFF_VIEW)
def _coordinated(user, scope, qs):
    """The organisations the user coordinates today (not those they merely work for)."""
    return qs.filter(pk__in=scope.coordinated_organisation_ids)


@policy.filter(Action.MANAGE)
def _managed(user, scope, qs):
    return qs if scope.is_admin else qs.none()


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.STAFF_VIEW):
    return policy.visible_to(user, qs, action)
