"""Policy for people. Every logged-in user sees, changes and downloads their own Person. Someone else's
personal data is shown only where a task needs it: an administrator may open a resident's record (to answer a
privacy request), and every such view is audited (services.person_view_record). Professionals' access to the
residents of their district comes with the support app.

The desk: professionals and administrators register residents without an account (at the desk or by phone).
A professional sees and invites the desk-registered residents of the districts they work in (a district they
serve, or one of its centres) and those they registered themselves; administrators all of them."""

from __future__ import annotations

from django.db.models import Q

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction, is_authenticated


class Action(PolicyAction):
    OWN_VIEW = "people.own_view"
    OWN_CHANGE = "people.own_change"
    OWN_EXPORT = "people.own_export"
    PERSON_VIEW = "people.person_view"
    PERSON_CHANGE = "people.person_change"
    DESK_REGISTER = "people.desk_register"
    DESK_VIEW = "people.desk_view"
    DESK_INVITE = "people.desk_invite"


policy = Policy(Action)


@policy.rule(Action.OWN_VIEW, Action.OWN_CHANGE, Action.OWN_EXPORT)
def _own(user, scope, person) -> bool:
    # person: None for "my own data" pages, or a Person that must be the user's own.
    if not is_authenticated(user):
        return False
    return person is None or (person.user_id is not None and person.user_id == user.pk)


@policy.rule(Action.PERSON_VIEW, Action.PERSON_CHANGE)
def _administrators(user, scope, person) -> bool:
    # An administrator's view is audited by the caller (people.services.person_view_record).
    return scope.is_admin


@policy.filter(Action.PERSON_VIEW, Action.PERSON_CHANGE)
def _persons(user, scope, qs):
    if scope.is_admin:
        return qs
    if not is_authenticated(user):
        return qs.none()
    return qs.filter(user=user)


def _desk_staff(user, scope) -> bool:
    return is_authenticated(user) and (scope.is_admin or Role.PROFESSIONAL in scope.roles)


@policy.rule(Action.DESK_REGISTER)
def _desk_register(user, scope, obj) -> bool:
    return _desk_staff(user, scope)


@policy.rule(Action.DESK_VIEW, Action.DESK_INVITE)
def _desk_person(user, scope, person) -> bool:
    # person: None for "the desk at all" (the menu, the list page), or a desk-registered Person.
    if not _desk_staff(user, scope):
        return False
    if person is None:
        return True
    if person.channel == "online":
        return False
    if scope.is_admin:
        return True
    return person.registered_by_id == user.pk or (
        person.neighbourhood is not None and scope.works_in_district(person.neighbourhood.district_id)
    )


@policy.filter(Action.DESK_VIEW, Action.DESK_INVITE)
def _desk_persons(user, scope, qs):
    if not _desk_staff(user, scope):
        return qs.none()
    qs = qs.exclude(channel="online")
    if scope.is_admin:
        return qs
    return qs.filter(Q(registered_by=user) | Q(neighbourhood__district_id__in=scope.work_district_ids))


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action):
    return policy.visible_to(user, qs, action)
