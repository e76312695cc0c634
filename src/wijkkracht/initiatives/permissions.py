"""Policy for residents' initiatives and district budgets.

Everyone sees public initiatives; an initiator (and the professional who submitted for them) sees their own;
the council of the district and the professionals who work there see all of the district's. Only the council
of the district decides and grants money. Residents of the district back a public initiative, once each. The
initiator keeps the checklist and uploads receipts. Budgets are public figures; administrators set them.
The resident's own Person (request.user.person) is the only row a rule reads beyond the Scope."""

from __future__ import annotations

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction
from wijkkracht.people.query import person_of

from .constants import BACKABLE, EDITABLE, InitiativeStatus
from .query import visible_q


class Action(PolicyAction):
    LIST = "initiatives.list"
    VIEW = "initiatives.view"
    PROPOSE = "initiatives.propose"
    PROPOSE_ON_BEHALF = "initiatives.propose_on_behalf"
    EDIT = "initiatives.edit"
    BACK = "initiatives.back"
    DECIDE = "initiatives.decide"
    GRANT = "initiatives.grant"
    CHECKLIST = "initiatives.checklist"
    RECEIPT_ADD = "initiatives.receipt_add"
    RECEIPT_VIEW = "initiatives.receipt_view"
    BUDGET_VIEW = "initiatives.budget_view"
    BUDGET_MANAGE = "initiatives.budget_manage"
    TAILOR = "initiatives.tailor"


policy = Policy(Action)


def _own(user, initiative) -> bool:
    person = person_of(user)
    return (person is not None and initiative.initiator_id == person.pk) or (
        initiative.submitted_by_id is not None and initiative.submitted_by_id == getattr(user, "pk", None)
    )


def _decides(scope, initiative) -> bool:
    return initiative.district_id in scope.council_district_ids


def _works_there(scope, initiative) -> bool:
    return scope.works_in_district(initiative.district_id)


@policy.rule(Action.LIST, Action.BUDGET_VIEW)
def _everyone(user, scope, obj) -> bool:
    return True


@policy.rule(Action.VIEW)
def _view(user, scope, initiative) -> bool:
    if initiative is None:
        return True
    return (
        initiative.is_public or _own(user, initiative) or _decides(scope, initiative) or _works_there(scope, initiative)
    )


@policy.rule(Action.PROPOSE)
def _propose(user, scope, obj) -> bool:
    """A resident whose neighbourhood we know (so we know the district)."""
    person = person_of(user)
    return person is not None and person.neighbourhood_id is not None


@policy.rule(Action.PROPOSE_ON_BEHALF)
def _propose_on_behalf(user, scope, district) -> bool:
    if district is None:
        return scope.has(Role.PROFESSIONAL)
    return scope.works_in_district(district.pk)


@policy.rule(Action.EDIT)
def _edit(user, scope, initiative) -> bool:
    return initiative is not None and initiative.status in EDITABLE and _own(user, initiative)


@policy.rule(Action.BACK)
def _back(user, scope, initiative) -> bool:
    person = person_of(user)
    if initiative is None or person is None or not initiative.is_public or initiative.status not in BACKABLE:
        return False
    if initiative.initiator_id == person.pk or person.neighbourhood_id is None:
        return False
    return person.neighbourhood.district_id == initiative.district_id


@policy.rule(Action.DECIDE)
def _decide(user, scope, initiative) -> bool:
    if initiative is None:
        return bool(scope.council_district_ids)
    return _decides(scope, initiative)


@policy.rule(Action.GRANT)
def _grant(user, scope, initiative) -> bool:
    return initiative is not None and initiative.status == InitiativeStatus.APPROVED and _decides(scope, initiative)


@policy.rule(Action.CHECKLIST)
def _checklist(user, scope, initiative) -> bool:
    return initiative is not None and initiative.status == InitiativeStatus.APPROVED and _own(user, initiative)


@policy.rule(Action.RECEIPT_ADD)
def _receipt_add(user, scope, initiative) -> bool:
    return (
        initiative is not None
        and initiative.status in (InitiativeStatus.APPROVED, InitiativeStatus.DONE)
        and _own(user, initiative)
    )


@policy.rule(Action.RECEIPT_VIEW)
def _receipt_view(user, scope, initiative) -> bool:
    return initiative is not None and (
        _own(user, initiative) or _decides(scope, initiative) or _works_there(scope, initiative)
    )


@policy.rule(Action.TAILOR)
def _tailor(user, scope, district) -> bool:
    """Which initiatives the district asks for and whether it uses its budget: a council of the district."""
    if district is None:
        return bool(scope.council_district_ids)
    return district.pk in scope.council_district_ids


@policy.rule(Action.BUDGET_MANAGE)
def _budget_manage(user, scope, obj) -> bool:
    return scope.is_admin


@policy.filter(Action.VIEW)
def _visible(user, scope, qs):
    person = person_of(user)
    districts = set(scope.council_district_ids) | (
        set(scope.work_district_ids) if scope.has(Role.PROFESSIONAL) else set()
    )
    return qs.filter(
        visible_q(
            person_id=person.pk if person else None,
            user_id=user.pk if getattr(user, "is_authenticated", False) else None,
            district_ids=districts,
        )
    )


@policy.filter(Action.BUDGET_MANAGE)
def _budgets_managed(user, scope, qs):
    return qs if scope.is_admin else qs.none()


@policy.filter(Action.DECIDE)
def _to_decide(user, scope, qs):
    return qs.filter(district_id__in=scope.council_district_ids)


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.VIEW):
    return policy.visible_to(user, qs, action)
