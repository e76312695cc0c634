"""Policy for concerns.

Anyone with an account raises a concern. The concern's personal data is seen and handled only by the
professionals who work in its district (naming the district or one of its centres); a professional of another
district sees nothing of it by any address. The reporter sees only their own concerns, and of those only their
own words, the state and the closing feedback. Councils, the municipality's analysts and the professionals see
counts, never people (under 5 suppressed by the view)."""

from __future__ import annotations

from django.db.models import Q

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction, is_authenticated


class Action(PolicyAction):
    RAISE = "concerns.raise"
    MINE = "concerns.mine"
    QUEUE = "concerns.queue"
    VIEW = "concerns.view"
    HANDLE = "concerns.handle"
    FIGURES = "concerns.figures"


policy = Policy(Action)


def _works_in_some_district(scope) -> bool:
    return scope.has(Role.PROFESSIONAL) and bool(scope.work_district_ids)


@policy.rule(Action.RAISE, Action.MINE)
def _account(user, scope, obj) -> bool:
    return is_authenticated(user)


@policy.filter(Action.MINE)
def _own(user, scope, qs):
    return qs.filter(reporter_id=user.pk) if is_authenticated(user) else qs.none()


@policy.rule(Action.QUEUE)
def _queue(user, scope, obj) -> bool:
    return _works_in_some_district(scope)


@policy.rule(Action.VIEW, Action.HANDLE)
def _district_professionals(user, scope, concern) -> bool:
    if concern is None:
        return _works_in_some_district(scope)
    return scope.works_in_district(concern.district_id)


@policy.filter(Action.VIEW, Action.HANDLE)
def _handled(user, scope, qs):
    districts = scope.work_district_ids if scope.has(Role.PROFESSIONAL) else frozenset()
    return qs.filter(district_id__in=list(districts))


@policy.rule(Action.FIGURES)
def _figures(user, scope, obj) -> bool:
    return (
        bool(scope.municipality_ids and scope.has(Role.ANALYST))
        or bool(scope.council_district_ids)
        or _works_in_some_district(scope)
    )


@policy.filter(Action.FIGURES)
def _figures_of(user, scope, qs):
    q = Q(district_id__in=list(scope.council_district_ids))
    if scope.has(Role.ANALYST):
        q |= Q(district__municipality_id__in=list(scope.municipality_ids))
    if scope.has(Role.PROFESSIONAL):
        q |= Q(district_id__in=list(scope.work_district_ids))
    return qs.filter(q)


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action):
    return policy.visible_to(user, qs, action)
