"""Policy for councils. A council's page is for its members, the professionals who work in its district and
administrators (who also create and keep councils). Aggregates only: no personal data of residents appears here."""

from __future__ import annotations

from django.db.models import Q

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction


class Action(PolicyAction):
    VIEW = "councils.view"
    LIST_MINE = "councils.list_mine"
    MANAGE = "councils.manage"


policy = Policy(Action)


@policy.rule(Action.VIEW)
def _view(user, scope, council) -> bool:
    if scope.is_admin:
        return True
    if council is None:
        return bool(scope.council_ids) or scope.has(Role.PROFESSIONAL)
    return council.pk in scope.council_ids or scope.works_in_district(council.district_id)


@policy.rule(Action.LIST_MINE)
def _list_mine(user, scope, obj) -> bool:
    return scope.is_admin or bool(scope.council_ids) or scope.has(Role.PROFESSIONAL)


@policy.rule(Action.MANAGE)
def _manage(user, scope, obj) -> bool:
    return scope.is_admin


@policy.filter(Action.VIEW)
def _visible(user, scope, qs):
    if scope.is_admin:
        return qs
    served = scope.work_district_ids if scope.has(Role.PROFESSIONAL) else frozenset()
    return qs.filter(Q(pk__in=scope.council_ids) | Q(district_id__in=served))


@policy.filter(Action.MANAGE)
def _managed(user, scope, qs):
    return qs if scope.is_admin else qs.none()


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.VIEW):
    return policy.visible_to(user, qs, action)
