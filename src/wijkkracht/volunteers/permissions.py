"""Policy for volunteers.

A volunteer sees and changes only their own record (and may pause or stop). Professionals see and support the
volunteers who belong to their centres or districts (a centre never widens to its district); nobody else sees
a volunteer's personal data. Administrators keep the lists (skills, interests, reasons for stopping), never the
volunteers themselves. Rules read the Scope, the user's own Person and the volunteer's centres and districts,
which callers prefetch (`Volunteer.objects.with_areas()`), so no rule queries."""

from __future__ import annotations

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction, is_authenticated

from .constants import CURRENT, VacancyStatus, VolunteerStatus


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
    BOARD = "volunteers.board"
    VACANCY_VIEW = "volunteers.vacancy_view"
    APPLY = "volunteers.apply"
    VACANCY_MANAGE = "volunteers.vacancy_manage"
    DECIDE = "volunteers.decide"
    WITHDRAW = "volunteers.withdraw"
    HOURS_LOG = "volunteers.hours_log"
    HOURS_VIEW = "volunteers.hours_view"
    HOURS_DECIDE = "volunteers.hours_decide"
    ATTENTION_VIEW = "volunteers.attention_view"


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


def manages_vacancy(scope, vacancy) -> bool:
    """A professional serving the vacancy's centre, or its whole district."""
    if not scope.has(Role.PROFESSIONAL):
        return False
    if vacancy.centre_id is not None and vacancy.centre_id in scope.centre_ids:
        return True
    return vacancy.district_id in scope.district_ids


@policy.rule(Action.BOARD)
def _board(user, scope, obj) -> bool:
    return True


@policy.rule(Action.VACANCY_VIEW)
def _vacancy_view(user, scope, vacancy) -> bool:
    return vacancy is None or vacancy.status == VacancyStatus.OPEN or manages_vacancy(scope, vacancy)


@policy.rule(Action.APPLY)
def _apply(user, scope, vacancy) -> bool:
    """Anyone, with or without an account, may react to an open vacancy (the service checks the places)."""
    return vacancy is None or vacancy.status == VacancyStatus.OPEN


@policy.rule(Action.VACANCY_MANAGE)
def _vacancy_manage(user, scope, vacancy) -> bool:
    if vacancy is None:
        return is_authenticated(user) and scope.has(Role.PROFESSIONAL)
    return manages_vacancy(scope, vacancy)


@policy.rule(Action.DECIDE)
def _decide(user, scope, application) -> bool:
    if application is None:
        return is_authenticated(user) and scope.has(Role.PROFESSIONAL)
    return manages_vacancy(scope, application.vacancy)


@policy.rule(Action.WITHDRAW)
def _withdraw(user, scope, application) -> bool:
    if application is None:
        return is_authenticated(user)
    person = person_of(user)
    own = person is not None and application.person_id == person.pk
    return own or manages_vacancy(scope, application.vacancy)


@policy.filter(Action.VACANCY_MANAGE)
def _vacancies_managed(user, scope, qs):
    if not is_authenticated(user) or not scope.has(Role.PROFESSIONAL):
        return qs.none()
    return qs.of_areas(centre_ids=scope.centre_ids, district_ids=scope.district_ids)


@policy.rule(Action.HOURS_LOG)
def _hours_log(user, scope, volunteer) -> bool:
    """An active (or pausing) volunteer writes their own hours."""
    if volunteer is None:
        return is_authenticated(user) and scope.has(Role.VOLUNTEER)
    return volunteer.status in (VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED) and is_own(user, volunteer)


@policy.rule(Action.HOURS_VIEW, Action.ATTENTION_VIEW)
def _hours_view(user, scope, obj) -> bool:
    return is_authenticated(user) and scope.has(Role.PROFESSIONAL)


@policy.rule(Action.HOURS_DECIDE)
def _hours_decide(user, scope, entry) -> bool:
    if entry is None:
        return is_authenticated(user) and scope.has(Role.PROFESSIONAL)
    return serves(scope, entry.volunteer)


@policy.filter(Action.HOURS_VIEW, Action.HOURS_DECIDE, Action.ATTENTION_VIEW)
def _hours_rows(user, scope, qs):
    """Hours of the volunteers the professional supports."""
    if not is_authenticated(user) or not scope.has(Role.PROFESSIONAL):
        return qs.none()
    return qs.of_areas(centre_ids=scope.centre_ids, district_ids=scope.district_ids)


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.VIEW):
    return policy.visible_to(user, qs, action)
