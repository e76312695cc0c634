"""Policy for places. Areas, centres and rooms are public. A centre's details, hours and rooms are kept by the
professionals whose membership names that centre or its whole district, and by administrators, who also create
centres; areas and CBS figures come from the imports and are read-only for everyone."""

from __future__ import annotations

from django.db.models import Q

from wijkkracht.accounts.policy import Policy, PolicyAction


class Action(PolicyAction):
    VIEW = "places.view"
    FIGURES_VIEW = "places.figures_view"
    AREAS_VIEW_ADMIN = "places.areas_view_admin"
    CENTRE_CREATE = "places.centre_create"
    CENTRE_CHANGE = "places.centre_change"
    CENTRE_HOURS_SET = "places.centre_hours_set"
    ROOM_MANAGE = "places.room_manage"


policy = Policy(Action)


@policy.rule(Action.VIEW, Action.FIGURES_VIEW)
def _public(user, scope, obj) -> bool:
    return True


@policy.rule(Action.AREAS_VIEW_ADMIN, Action.CENTRE_CREATE)
def _administrators(user, scope, obj) -> bool:
    return scope.is_admin


@policy.rule(Action.CENTRE_CHANGE, Action.CENTRE_HOURS_SET, Action.ROOM_MANAGE)
def _centre_managers(user, scope, obj) -> bool:
    # obj: the CommunityCentre. Without one: "some centre" (for the admin's list and the menu).
    if scope.is_admin:
        return True
    if obj is None:
        return bool(scope.centre_ids or scope.district_ids)
    return scope.serves_centre(obj)


@policy.filter(Action.CENTRE_CHANGE, Action.CENTRE_HOURS_SET, Action.ROOM_MANAGE)
def _centres_managed(user, scope, qs):
    if scope.is_admin:
        return qs
    if not (scope.centre_ids or scope.district_ids):
        return qs.none()
    return qs.filter(Q(pk__in=scope.centre_ids) | Q(district_id__in=scope.district_ids))


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action):
    return policy.visible_to(user, qs, action)
