"""Policy for pages: the contact page and the statements are public; administrators keep their contents."""

from __future__ import annotations

from wijkkracht.accounts.policy import Policy, PolicyAction


class Action(PolicyAction):
    VIEW = "pages.view"
    SITE_INFORMATION_CHANGE = "pages.site_information_change"


policy = Policy(Action)


@policy.rule(Action.VIEW)
def _public(user, scope, obj) -> bool:
    return True


@policy.rule(Action.SITE_INFORMATION_CHANGE)
def _administrators(user, scope, obj) -> bool:
    return scope.is_admin


@policy.filter(Action.SITE_INFORMATION_CHANGE)
def _all_for_administrators(user, scope, qs):
    return qs if scope.is_admin else qs.none()


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action):
    return policy.visible_to(user, qs, action)
