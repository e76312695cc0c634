"""The one answer to "may X": every app's actions, the rules that decide them, and the menu built from them.

An app declares its actions in `<app>/permissions.py` as a `StrEnum` named `Action` (values `"<app>.<verb>"`),
creates one `Policy(Action)` and gives every action a rule with `@policy.rule(Action.X)`. Rules read the
user's `Scope` (computed once per request, one query) and the object's own fields; they never query the
database. Lists are filtered with `@policy.filter(Action.X)` rules that return a narrowed QuerySet.

    from wijkkracht.accounts.policy import can, visible_to
    can(user, places.Action.CENTRE_CHANGE, centre)            -> bool
    require(user, places.Action.CENTRE_CHANGE, centre)        -> None, or PermissionDenied (views)
    require_actor(actor, places.Action.CENTRE_CHANGE, centre) -> the same, actor=None is the system (services)
    visible_to(user, Council.objects.all(), councils.Action.VIEW) -> QuerySet

An action nobody declared raises `UnknownAction` (a typo never quietly means "no"). There is no blanket
"administrators may do anything": an administrator may do exactly the actions whose rules say so.
See docs/architecture.md, "Policy".
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise

from .constants import Role
from .scope import Scope, scope_of

Rule = Callable[[Any, Scope, Any], bool]
Filter = Callable[[Any, Scope, QuerySet], QuerySet]


class UnknownAction(LookupError):
    """`can`/`visible_to` was asked about an action no app declared, or one without a rule of that kind."""


class PolicyAction(enum.StrEnum):
    """Base of every app's `Action` enumeration. Values are "<app label>.<verb>", unique over the project."""


def is_authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", False))


def is_administrator(user) -> bool:
    """The one definition of "administrator": an active account holding the administrator role today.

    `is_superuser` and `is_staff` grant nothing in the policy; `createsuperuser` grants the role."""
    return is_authenticated(user) and scope_of(user).has(Role.ADMINISTRATOR)


class Policy:
    """One app's policy: its Action enumeration and a rule per action (and optionally a list filter)."""

    def __init__(self, actions: type[PolicyAction], *, register: bool = True):
        self.actions = actions
        self.app = next(iter(actions)).value.split(".", 1)[0] if len(actions) else ""
        self._rules: dict[str, Rule] = {}
        self._filters: dict[str, Filter] = {}
        for action in actions:
            if not action.value.startswith(f"{self.app}."):
                raise ValueError(f"{action!r}: every action of one Action enumeration starts with '{self.app}.'")
        if register:  # False only in tests of the policy machinery itself
            _register(self)

    def rule(self, *actions: PolicyAction) -> Callable[[Rule], Rule]:
        """Decorate `def rule(user, scope, obj) -> bool` as the answer for these actions."""

        def decorate(fn: Rule) -> Rule:
            for action in actions:
                self._own(action)
                if action.value in self._rules:
                    raise ValueError(f"{action!r} has two rules")
                self._rules[action.value] = fn
            return fn

        return decorate

    def filter(self, *actions: PolicyAction) -> Callable[[Filter], Filter]:
        """Decorate `def filter(user, scope, qs) -> qs`: the objects in qs on which the user may do the action."""

        def decorate(fn: Filter) -> Filter:
            for action in actions:
                self._own(action)
                self._filters[action.value] = fn
            return fn

        return decorate

    def _own(self, action) -> None:
        if action not in self.actions.__members__.values():
            raise UnknownAction(f"{action!r} is not one of {self.actions.__qualname__}")

    def missing_rules(self) -> list[str]:
        return [a.value for a in self.actions if a.value not in self._rules]

    def can(self, user, action, obj=None) -> bool:
        rule = self._rules.get(str(action))
        if rule is None:
            raise UnknownAction(f"No rule for {action!r} in the {self.app} policy")
        return bool(rule(user, scope_of(user), obj))

    def visible_to(self, user, qs: QuerySet, action) -> QuerySet:
        narrow = self._filters.get(str(action))
        if narrow is None:
            raise UnknownAction(f"No list filter for {action!r} in the {self.app} policy")
        return narrow(user, scope_of(user), qs)


# --- The registry: every declared action, by value ----------------------------------------------------------

_POLICIES: dict[str, Policy] = {}
_ACTIONS: dict[str, Policy] = {}


def _register(policy: Policy) -> None:
    for action in policy.actions:
        other = _ACTIONS.get(action.value)
        if other is not None and other.actions is not policy.actions:
            raise ValueError(f"Action {action.value} is declared twice")
        _ACTIONS[action.value] = policy
    _POLICIES[policy.app] = policy


_discovered = False


def _discover() -> None:
    """Import every app's permissions.py and menu.py, once per process. (It ran on every menu before: some
    fifty imports of modules that are already loaded or do not exist, ~1 ms of every logged-in page.)"""
    global _discovered
    if _discovered:
        return
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("permissions", "menu")
    _discovered = True


def policies() -> dict[str, Policy]:
    """Every app's policy (each app's permissions.py is imported first)."""
    _discover()
    return dict(_POLICIES)


def declared_actions() -> list[PolicyAction]:
    """Every action of every app, for the "every action is asked and covered" test."""
    return [action for policy in policies().values() for action in policy.actions]


def _policy_for(action) -> Policy:
    if not isinstance(action, str):
        raise UnknownAction(f"{action!r} is not an action")
    policy = _ACTIONS.get(str(action))
    if policy is None:
        _discover()
        policy = _ACTIONS.get(str(action))
    if policy is None:
        raise UnknownAction(f"Nobody declared the action {action!r}")
    return policy


def can(user, action: PolicyAction | str, obj=None) -> bool:
    """May `user` do `action` (to `obj`, when the action is about one object)? Unknown actions raise."""
    return _policy_for(action).can(user, action, obj)


def visible_to(user, qs: QuerySet, action: PolicyAction | str) -> QuerySet:
    """The objects of `qs` on which `user` may do `action`. Unknown actions (or ones without a list filter) raise."""
    return _policy_for(action).visible_to(user, qs, action)


def require(user, action: PolicyAction | str, obj=None) -> None:
    """Views: raise PermissionDenied (a 403) unless `can(user, action, obj)`. Unknown actions raise."""
    if not can(user, action, obj):
        raise PermissionDenied


def require_actor(actor, action: PolicyAction | str, obj=None) -> None:
    """Services: `actor=None` is the system (a command, a task, a periodic job, the demo seed) and is let
    through; a user must pass `can(actor, action, obj)`, else PermissionDenied. Unknown actions raise, also
    for the system."""
    if actor is None:
        _policy_for(action)
        return
    require(actor, action, obj)


# --- The menu: each app registers its own items in `<app>/menu.py` ------------------------------------------


@dataclass(frozen=True)
class MenuItem:
    """One entry of the main menu: shown when `can(user, action)` (no object) says yes."""

    label: str | Promise
    url_name: str
    action: PolicyAction
    order: int = 100
    # URL names (with namespace) that mark this item as the current page; default: the item's own URL name.
    current: tuple[str, ...] = field(default=())

    def is_current(self, view_name: str) -> bool:
        return view_name in (self.current or (self.url_name,))


_MENU: dict[str, MenuItem] = {}


def register_menu(*items: MenuItem) -> None:
    """Called from an app's `menu.py`. Registering the same URL name again replaces the earlier item."""
    for item in items:
        if not isinstance(item.action, PolicyAction):
            raise UnknownAction(f"Menu item {item.url_name} needs a declared action, not {item.action!r}")
        _MENU[item.url_name] = item


def menu_items() -> list[MenuItem]:
    _discover()
    return sorted(_MENU.values(), key=lambda item: (item.order, item.url_name))


@dataclass(frozen=True)
class MenuLink:
    label: str | Promise
    url: str
    current: bool


def menu_for(user, view_name: str = "") -> list[MenuLink]:
    """The menu this user sees: every registered item whose action the policy allows, in order."""
    return [
        MenuLink(label=item.label, url=reverse(item.url_name), current=item.is_current(view_name))
        for item in menu_items()
        if can(user, item.action)
    ]


def all_menu_actions() -> Iterable[PolicyAction]:
    return (item.action for item in menu_items())
