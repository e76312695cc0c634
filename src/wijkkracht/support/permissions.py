"""Policy for help requests.

Anyone may ask for help, also without an account. A help request's personal data is seen by the professionals
who work in its district (naming the district or one of its centres) and by the resident who asked it with
their account; a professional of another district sees nothing of it, by any address. The professionals of the
district handle it (states, owner); the resident may withdraw their own request until the help has started.
The resident's own Person (request.user.person) is the only row a rule reads beyond the Scope."""

from __future__ import annotations

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction

from .constants import WITHDRAWABLE, MatchStatus, RequestStatus


class Action(PolicyAction):
    ASK = "support.ask"
    ASK_ON_BEHALF = "support.ask_on_behalf"
    MINE = "support.mine"
    QUEUE = "support.queue"
    VIEW = "support.view"
    HANDLE = "support.handle"
    CLOSE = "support.close"
    FIGURES = "support.figures"
    MATCH_ALL = "support.match_all"
    HELPING = "support.helping"
    ANSWER = "support.answer"


policy = Policy(Action)


def person_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: an account without a Person
        return None


def is_own(user, help_request) -> bool:
    person = person_of(user)
    return person is not None and help_request.person_id == person.pk


def _works_there(scope, help_request) -> bool:
    return scope.works_in_district(help_request.district_id)


@policy.rule(Action.ASK)
def _everyone(user, scope, obj) -> bool:
    return True


@policy.rule(Action.MINE)
def _logged_in(user, scope, obj) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@policy.rule(Action.ASK_ON_BEHALF)
def _ask_on_behalf(user, scope, district) -> bool:
    if district is None:
        return scope.has(Role.PROFESSIONAL) and bool(scope.work_district_ids)
    return scope.works_in_district(district.pk)


@policy.rule(Action.QUEUE)
def _queue(user, scope, obj) -> bool:
    return scope.has(Role.PROFESSIONAL) and bool(scope.work_district_ids)


@policy.rule(Action.VIEW)
def _view(user, scope, help_request) -> bool:
    if help_request is None:
        return _logged_in(user, scope, None)
    return _works_there(scope, help_request) or is_own(user, help_request)


@policy.rule(Action.HANDLE)
def _handle(user, scope, help_request) -> bool:
    if help_request is None:
        return _queue(user, scope, None)
    return _works_there(scope, help_request)


@policy.rule(Action.CLOSE)
def _close(user, scope, help_request) -> bool:
    """The professionals of the district close a request; the resident withdraws their own before help starts."""
    if help_request is None or help_request.status == RequestStatus.CLOSED:
        return False
    return _works_there(scope, help_request) or (is_own(user, help_request) and help_request.status in WITHDRAWABLE)


@policy.filter(Action.VIEW)
def _visible(user, scope, qs):
    person = person_of(user)
    districts = scope.work_district_ids if scope.has(Role.PROFESSIONAL) else frozenset()
    if person is None:
        return qs.filter(district_id__in=list(districts))
    from django.db.models import Q

    return qs.filter(Q(district_id__in=list(districts)) | Q(person_id=person.pk))


@policy.filter(Action.HANDLE)
def _handled(user, scope, qs):
    districts = scope.work_district_ids if scope.has(Role.PROFESSIONAL) else frozenset()
    return qs.filter(district_id__in=list(districts))


@policy.rule(Action.FIGURES)
def _figures(user, scope, obj) -> bool:
    """Counts, never people: the municipality's analysts, the councils and the professionals, for their areas."""
    return (
        bool(scope.municipality_ids and scope.has(Role.ANALYST))
        or bool(scope.council_district_ids)
        or _queue(user, scope, None)
    )


@policy.filter(Action.FIGURES)
def _figures_of(user, scope, qs):
    from django.db.models import Q

    q = Q(district_id__in=list(scope.council_district_ids))
    if scope.has(Role.ANALYST):
        q |= Q(district__municipality_id__in=list(scope.municipality_ids))
    if scope.has(Role.PROFESSIONAL):
        q |= Q(district_id__in=list(scope.work_district_ids))
    return qs.filter(q)


@policy.rule(Action.MATCH_ALL)
def _match_all(user, scope, district) -> bool:
    """ "Match all open requests" for a district: its professionals (obj=None: any professional with a district)."""
    if district is None:
        return _queue(user, scope, None)
    return scope.works_in_district(district.pk)


def is_own_match(user, match) -> bool:
    """The match is the user's own as the helper (callers select_related the volunteer)."""
    person = person_of(user)
    return person is not None and match is not None and match.volunteer.person_id == person.pk


@policy.rule(Action.HELPING)
def _helping(user, scope, match) -> bool:
    """The helper's own page (the volunteer role) and their own matches: the minimum of the request."""
    if match is None:
        return bool(getattr(user, "is_authenticated", False)) and scope.has(Role.VOLUNTEER)
    return match.status != MatchStatus.PROPOSED and is_own_match(user, match)


@policy.rule(Action.ANSWER)
def _answer(user, scope, match) -> bool:
    """The helper says yes or no to a match they were asked for."""
    return match is not None and match.status == MatchStatus.OFFERED and is_own_match(user, match)


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.VIEW):
    return policy.visible_to(user, qs, action)
