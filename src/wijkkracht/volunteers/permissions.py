"""Policy for volunteers.

A volunteer sees and changes only their own record (and may pause or stop). Professionals see and support the
volunteers who belong to their centres or districts (a centre never widens to its district); nobody else sees
a volunteer's personal data. Administrators keep the lists (skills, interests, reasons for stopping), never the
volunteers themselves. Rules read the Scope, the user's own Person and the volunteer's centres and districts,
which callers prefetch (`Volunteer.objects.with_areas()`), so no rule queries."""

from __future__ import annotations

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction, is_authenticated

from .constants import CURRENT


class Action(PolicyAction):
    REGISTER = "volunteers.register"
    OWN_VIEW = "volunteers.own_view"
    OWN_CHANGE = "volunteers.own_change"
    PAUSE = "volunteers.pause"
    RESUME = "volunteers.resume"
    STOP = "volunteers.stop"
    LIST = "volunteers.list"
    VIEW = "volunteers.view"
    MANAGE = "volunteers.manage"
    SETTINGS_MANAGE = "volunteers.settings_manage"


policy = Policy(Action)


def person_of(user):
    if not is_authenticated(user):
        return None
    try:
        return user.person
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: an account without a Person
        return None


def is_own(user, volunteer) -> bool:
    person = person_of(user)
    return person is not None and volunteer is not None and volunteer.person_id == person.pk


def serves(scope, volunteer) -> bool:
    """A professional whose centres or districts the volunteer belongs to (prefetched relations)."""
    if not scope.has(Role.PROFESSIONAL) or volunteer is None:
        return False
    return any(c.pk in scope.centre_ids or c.district_id in scope.district_ids for c in volunteer.centres.all()) or any(
        d.pk in scope.district_ids for d in volunteer.districts.all()
    )


@policy.rule(Action.REGISTER)
def _register(user, scope, obj) -> bool:
    """Anyone with an account who is not a volunteer yet (signing up grants the volunteer role). A volunteer who
    stopped comes back through their centre's professional (afgemeld → intake)."""
    return is_authenticated(user) and not scope.has(Role.VOLUNTEER)


@policy.rule(Action.OWN_VIEW)
def _own_view(user, scope, volunteer) -> bool:
    if volunteer is None:  # the menu: the volunteer role
        return is_authenticated(user) and scope.has(Role.VOLUNTEER)
    return is_own(user, volunteer)


@policy.rule(Action.OWN_CHANGE)
def _own_change(user, scope, volunteer) -> bool:
    return volunteer is not None and volunteer.status in CURRENT and is_own(user, volunteer)


@policy.rule(Action.PAUSE, Action.RESUME, Action.STOP)
def _self_or_professional(user, scope, volunteer) -> bool:
    return volunteer is not None and (is_own(user, volunteer) or serves(scope, volunteer))


@policy.rule(Action.LIST)
def _list(user, scope, obj) -> bool:
    return is_authenticated(user) and scope.has(Role.PROFESSIONAL)


@policy.rule(Action.VIEW)
def _view(user, scope, volunteer) -> bool:
    if volunteer is None:
        return is_authenticated(user) and scope.has(Role.PROFESSIONAL)
    return serves(scope, volunteer)


@policy.rule(Action.MANAGE)
def _manage(user, scope, volunteer) -> bool:
    if volunteer is None:
        return is_authenticated(user) and scope.has(Role.PROFESSIONAL)
    return serves(scope, volunteer)


@policy.rule(Action.SETTINGS_MANAGE)
def _settings(user, scope, obj) -> bool:
    return scope.is_admin


@policy.filter(Action.VIEW, Action.LIST, Action.MANAGE)
def _visible(user, scope, qs):
    if not is_authenticated(user) or not scope.has(Role.PROFESSIONAL):
        return qs.none()
    return qs.of_areas(centre_ids=scope.centre_ids, district_ids=scope.district_ids)


@policy.filter(Action.SETTINGS_MANAGE)
def _settings_rows(user, scope, qs):
    return qs if scope.is_admin else qs.none()


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.VIEW):
    return policy.visible_to(user, qs, action)
