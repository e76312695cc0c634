"""Policy for people. Every logged-in user sees, changes and downloads their own Person. Someone else's
personal data is shown only where a task needs it: an administrator may open a resident's record (to answer a
privacy request), and every such view is audited (services.person_view_record). Professionals' access to the
residents of their district comes with the support app."""

from __future__ import annotations

from wijkkracht.accounts.policy import Policy, PolicyAction, is_authenticated


class Action(PolicyAction):
    OWN_VIEW = "people.own_view"
    OWN_CHANGE = "people.own_change"
    OWN_EXPORT = "people.own_export"
    PERSON_VIEW = "people.person_view"
    PERSON_CHANGE = "people.person_change"


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


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action):
    return policy.visible_to(user, qs, action)
