"""Policy for accounts: administrators use the admin, hand out and end roles and keep accounts; everyone keeps
their own account."""

from __future__ import annotations

from .policy import Policy, PolicyAction, is_authenticated


class Action(PolicyAction):
    ADMIN_SITE_USE = "accounts.admin_site_use"
    USER_VIEW = "accounts.user_view"
    USER_CHANGE = "accounts.user_change"
    MEMBERSHIP_VIEW = "accounts.membership_view"
    MEMBERSHIP_GRANT = "accounts.membership_grant"
    MEMBERSHIP_END = "accounts.membership_end"
    AUDIT_TRAIL_VIEW = "accounts.audit_trail_view"
    SECOND_FACTOR_RESET = "accounts.second_factor_reset"
    OWN_LANGUAGE_CHANGE = "accounts.own_language_change"


policy = Policy(Action)


@policy.rule(
    Action.ADMIN_SITE_USE,
    Action.USER_VIEW,
    Action.USER_CHANGE,
    Action.MEMBERSHIP_VIEW,
    Action.MEMBERSHIP_GRANT,
    Action.MEMBERSHIP_END,
    Action.AUDIT_TRAIL_VIEW,
    Action.SECOND_FACTOR_RESET,
)
def _administrators(user, scope, obj) -> bool:
    # Accounts and roles are structure: the administrator role manages them (obj: a User or a Membership).
    return scope.is_admin


@policy.rule(Action.OWN_LANGUAGE_CHANGE)
def _own_account(user, scope, obj) -> bool:
    return is_authenticated(user) and (obj is None or obj == user)


@policy.filter(Action.USER_VIEW, Action.MEMBERSHIP_VIEW)
def _accounts_list(user, scope, qs):
    return qs if scope.is_admin else qs.none()


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action):
    return policy.visible_to(user, qs, action)
