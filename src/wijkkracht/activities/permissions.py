"""Policy for centre life.

Anyone sees the public calendar and the activities on it (published or stopped); a draft is seen only by those
who manage it. Professionals manage the activities of the centres their memberships name; a membership that
names a whole district also manages the district's activities outside a centre. Administrators keep the list
of categories (through the admin). Rules read the Scope and the object's own fields (a session reads its
activity, which the callers load with it)."""

from __future__ import annotations

from django.db.models import Q

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction
from wijkkracht.initiatives.constants import InitiativeStatus

from .constants import ActivityStatus, RegistrationStatus
from .models import Activity, Registration, RoomBooking, Session


class Action(PolicyAction):
    CALENDAR_VIEW = "activities.calendar_view"
    VIEW = "activities.view"
    MANAGE = "activities.manage"
    CATEGORY_MANAGE = "activities.category_manage"
    REGISTER = "activities.register"
    REGISTRATION_CANCEL = "activities.registration_cancel"
    MY_REGISTRATIONS = "activities.my_registrations"
    REACH_VIEW = "activities.reach_view"
    FROM_INITIATIVE = "activities.from_initiative"


policy = Policy(Action)


def place_of(obj) -> tuple[int | None, int | None]:
    """(centre id, district id) of an activity, a session, a room or its booking, a centre or a district."""
    from wijkkracht.places.models import CommunityCentre, District, Room

    if isinstance(obj, RoomBooking):
        obj = obj.room
    if isinstance(obj, Room):
        obj = obj.centre

    if isinstance(obj, Registration):
        obj = obj.session
    if isinstance(obj, Session):
        obj = obj.activity
    if isinstance(obj, Activity):
        return obj.centre_id, obj.district_id
    if isinstance(obj, CommunityCentre):
        return obj.pk, obj.district_id
    if isinstance(obj, District):
        return None, obj.pk
    raise TypeError(f"No place for {obj!r}")


def _manages(scope, obj) -> bool:
    if not scope.has(Role.PROFESSIONAL):
        return False
    if obj is None:
        return bool(scope.centre_ids or scope.district_ids)
    centre_id, district_id = place_of(obj)
    if district_id in scope.district_ids:
        return True
    return centre_id is not None and centre_id in scope.centre_ids


@policy.rule(Action.CALENDAR_VIEW)
def _everyone(user, scope, obj) -> bool:
    return True


@policy.rule(Action.VIEW)
def _view(user, scope, activity) -> bool:
    if activity is None or activity.status != ActivityStatus.DRAFT:
        return True
    return _manages(scope, activity)


@policy.rule(Action.MANAGE)
def _manage(user, scope, obj) -> bool:
    return _manages(scope, obj)


def person_of(user):
    """The resident behind an account (every account may have one), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: an account without a Person
        return None


@policy.rule(Action.REGISTER)
def _register(user, scope, session) -> bool:
    """A resident signs themselves up for a session that takes sign-ups (a capacity is set)."""
    if person_of(user) is None:
        return False
    return session is None or session.activity.capacity is not None


@policy.rule(Action.REGISTRATION_CANCEL)
def _cancel(user, scope, registration) -> bool:
    """The resident themselves, or a professional who runs the activity."""
    if registration is None:
        return person_of(user) is not None or _manages(scope, None)
    if registration.status == RegistrationStatus.CANCELLED:
        return False
    person = person_of(user)
    if person is not None and registration.person_id == person.pk:
        return True
    return _manages(scope, registration)


@policy.rule(Action.MY_REGISTRATIONS)
def _mine(user, scope, obj) -> bool:
    return person_of(user) is not None


@policy.filter(Action.MY_REGISTRATIONS)
def _own_registrations(user, scope, qs):
    person = person_of(user)
    return qs.filter(person=person) if person is not None else qs.none()


@policy.rule(Action.REACH_VIEW)
def _reach(user, scope, district) -> bool:
    """Aggregates only: the municipality's analyst (all its districts), a council (its district), the
    professionals who work in the district."""
    if district is None:
        return bool(
            scope.has(Role.ANALYST)
            and scope.municipality_ids
            or scope.council_district_ids
            or (scope.has(Role.PROFESSIONAL) and scope.work_district_ids)
        )
    return (
        (scope.has(Role.ANALYST) and district.municipality_id in scope.municipality_ids)
        or district.pk in scope.council_district_ids
        or scope.works_in_district(district.pk)
    )


@policy.rule(Action.FROM_INITIATIVE)
def _from_initiative(user, scope, initiative) -> bool:
    """An approved residents' initiative becomes a draft activity: made by a professional who works in its
    district (they manage the draft afterwards)."""
    if initiative is None:
        return scope.has(Role.PROFESSIONAL)
    return initiative.status == InitiativeStatus.APPROVED and scope.works_in_district(initiative.district_id)


@policy.rule(Action.CATEGORY_MANAGE)
def _administrators(user, scope, obj) -> bool:
    return scope.is_admin


def _managed_q(scope) -> Q:
    return Q(centre_id__in=scope.centre_ids) | Q(district_id__in=scope.district_ids)


@policy.filter(Action.MANAGE)
def _managed(user, scope, qs):
    if not scope.has(Role.PROFESSIONAL):
        return qs.none()
    return qs.filter(_managed_q(scope))


@policy.filter(Action.VIEW)
def _visible(user, scope, qs):
    public = ~Q(status=ActivityStatus.DRAFT)
    return qs.filter(public | _managed_q(scope)) if scope.has(Role.PROFESSIONAL) else qs.filter(public)


@policy.filter(Action.CATEGORY_MANAGE)
def _categories(user, scope, qs):
    return qs if scope.is_admin else qs.none()


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.VIEW):
    return policy.visible_to(user, qs, action)
