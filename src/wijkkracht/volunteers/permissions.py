"""Policy for volunteers.

A volunteer sees and changes only their own record (and may pause or stop). Professionals see and support the
volunteers who belong to their centres or districts (a centre never widens to its district); nobody else sees
a volunteer's personal data. Administrators keep the lists (skills, interests, reasons for stopping), never the
volunteers themselves. Rules read the Scope, the user's own Person and the volunteer's centres and districts,
which callers prefetch (`Volunteer.objects.with_areas()`), so no rule queries."""

from __future__ import annotations

from django.db.models import Q

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
    SHIFT_MANAGE = "volunteers.shift_manage"
    SHIFT_TAKE = "volunteers.shift_take"
    STAND_IN_ASK = "volunteers.stand_in_ask"
    STAND_IN_TAKE = "volunteers.stand_in_take"
    STAND_IN_WITHDRAW = "volunteers.stand_in_withdraw"
    SCHEDULE = "volunteers.schedule"
    STATEMENT = "volunteers.statement"
    APPRECIATION = "volunteers.appreciation"
    FIGURES = "volunteers.figures"
    MESSAGE_SEND = "volunteers.message_send"


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


# --- shifts and stand-ins ---------------------------------------------------------------------------------


def manages_shift(scope, shift) -> bool:
    """A professional serving the shift's centre, or its whole district."""
    if not scope.has(Role.PROFESSIONAL):
        return False
    if shift.centre_id is not None and shift.centre_id in scope.centre_ids:
        return True
    return shift.district_id in scope.district_ids


@policy.rule(Action.SHIFT_MANAGE)
def _shift_manage(user, scope, shift) -> bool:
    if shift is None:
        return is_authenticated(user) and scope.has(Role.PROFESSIONAL)
    return manages_shift(scope, shift)


@policy.filter(Action.SHIFT_MANAGE)
def _shifts_managed(user, scope, qs):
    """Shifts at the centres the professional serves (or in their whole districts); given a QuerySet of
    community centres, those centres (where they plan shifts)."""
    if not is_authenticated(user) or not scope.has(Role.PROFESSIONAL):
        return qs.none()
    if qs.model._meta.label == "places.CommunityCentre":
        return qs.filter(Q(pk__in=scope.centre_ids) | Q(district_id__in=scope.district_ids))
    return qs.of_areas(centre_ids=scope.centre_ids, district_ids=scope.district_ids)


@policy.rule(Action.SHIFT_TAKE)
def _shift_take(user, scope, shift) -> bool:
    """A volunteer takes an open shift (the service checks it is at one of their own centres or districts)."""
    if not (is_authenticated(user) and scope.has(Role.VOLUNTEER)):
        return False
    return shift is None or shift.volunteer_id is None


@policy.rule(Action.STAND_IN_ASK)
def _stand_in_ask(user, scope, shift) -> bool:
    """The volunteer whose shift it is (shift.volunteer loaded), or a professional serving its centre."""
    if shift is None:
        return is_authenticated(user) and scope.has(Role.VOLUNTEER)
    return (shift.volunteer is not None and is_own(user, shift.volunteer)) or manages_shift(scope, shift)


@policy.rule(Action.STAND_IN_TAKE)
def _stand_in_take(user, scope, stand_in) -> bool:
    """Another volunteer (never the one who asked; stand_in.asked_by loaded)."""
    if not (is_authenticated(user) and scope.has(Role.VOLUNTEER)):
        return False
    return stand_in is None or not is_own(user, stand_in.asked_by)


@policy.rule(Action.STAND_IN_WITHDRAW)
def _stand_in_withdraw(user, scope, stand_in) -> bool:
    if stand_in is None:
        return is_authenticated(user)
    return is_own(user, stand_in.asked_by) or manages_shift(scope, stand_in.shift)


@policy.rule(Action.SCHEDULE)
def _schedule(user, scope, volunteer) -> bool:
    """The volunteer's own schedule (and its calendar link)."""
    if volunteer is None:
        return is_authenticated(user) and scope.has(Role.VOLUNTEER)
    return is_own(user, volunteer)


@policy.rule(Action.STATEMENT)
def _statement(user, scope, volunteer) -> bool:
    """The statement of approved hours (for school): the volunteer, or a professional who supports them."""
    if volunteer is None:
        return is_authenticated(user) and (scope.has(Role.VOLUNTEER) or scope.has(Role.PROFESSIONAL))
    return is_own(user, volunteer) or serves(scope, volunteer)


@policy.rule(Action.APPRECIATION)
def _appreciation(user, scope, obj) -> bool:
    """The yearly appreciation list: the professionals, for the volunteers they support."""
    return is_authenticated(user) and scope.has(Role.PROFESSIONAL)


@policy.filter(Action.APPRECIATION)
def _appreciated(user, scope, qs):
    if not is_authenticated(user) or not scope.has(Role.PROFESSIONAL):
        return qs.none()
    return qs.of_areas(centre_ids=scope.centre_ids, district_ids=scope.district_ids)


FIGURE_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.ANALYST, Role.COUNCIL_MEMBER})


@policy.rule(Action.FIGURES)
def _figures(user, scope, obj) -> bool:
    """Recruitment and retention figures: counts only (under 5 suppressed). Professionals see those of the
    volunteers they support; coordinators, analysts and council members those of the whole municipality."""
    return is_authenticated(user) and bool(scope.roles & FIGURE_ROLES)


@policy.filter(Action.FIGURES)
def _figures_rows(user, scope, qs):
    if not is_authenticated(user) or not scope.roles & FIGURE_ROLES:
        return qs.none()
    if scope.roles & (FIGURE_ROLES - {Role.PROFESSIONAL}):
        return qs
    return qs.of_areas(centre_ids=scope.centre_ids, district_ids=scope.district_ids)


@policy.rule(Action.MESSAGE_SEND)
def _message_send(user, scope, message) -> bool:
    """A professional writes to the volunteers of a vacancy, activity or district they work in."""
    if message is None:
        return is_authenticated(user) and scope.has(Role.PROFESSIONAL)
    return scope.works_in_district(message.district_id)


@policy.filter(Action.MESSAGE_SEND)
def _messages_sent(user, scope, qs):
    """Messages to groups in the districts the professional works in; given districts, those districts."""
    if not is_authenticated(user) or not scope.has(Role.PROFESSIONAL):
        return qs.none()
    if qs.model._meta.label == "places.District":
        return qs.filter(pk__in=scope.work_district_ids)
    return qs.of_areas(centre_ids=(), district_ids=scope.work_district_ids)


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.VIEW):
    return policy.visible_to(user, qs, action)
