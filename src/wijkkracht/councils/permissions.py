"""Policy for councils.

Public: a council's page (members' names and positions, its centre, the professional who serves it, coming
meetings, its approved plan, published decisions). Working pages: the council's own members, the professionals
who serve it, the coordinator of its welfare organisation (who confirms members) and administrators (who keep
councils). A council member acts only for their own council. Plans are approved by the municipality or the
welfare organisation, as the municipality's CouncilSettings say. Assignments are seen by the council, the
professionals who serve it and the professional they are for; only that professional answers them.
Rules read the Scope and the object's own (pre-loaded) fields; positions come from query.seated_positions
(one query per request)."""

from __future__ import annotations

from django.db.models import Q

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction

from .constants import PLAN_EDITABLE, PROPOSING_POSITIONS, MeetingStatus, PlanApprover, PlanStatus
from .query import seated_positions


class Action(PolicyAction):
    VIEW = "councils.view"
    LIST_MINE = "councils.list_mine"
    MANAGE = "councils.manage"
    WORK = "councils.work"
    CENTRE_PROFILE_EDIT = "councils.centre_profile_edit"
    TAILOR = "councils.tailor"
    MEMBER_PROPOSE = "councils.member_propose"
    MEMBER_CONFIRM = "councils.member_confirm"
    MEMBER_END = "councils.member_end"
    PLAN_VIEW = "councils.plan_view"
    PLAN_CREATE = "councils.plan_create"
    PLAN_EDIT = "councils.plan_edit"
    PLAN_SUBMIT = "councils.plan_submit"
    PLAN_APPROVE = "councils.plan_approve"
    PLAN_START = "councils.plan_start"
    PLAN_EVALUATE = "councils.plan_evaluate"
    PLAN_APPROVALS = "councils.plan_approvals"
    ASSIGNMENT_CREATE = "councils.assignment_create"
    ASSIGNMENT_VIEW = "councils.assignment_view"
    ASSIGNMENT_RESPOND = "councils.assignment_respond"
    ASSIGNMENT_WITHDRAW = "councils.assignment_withdraw"
    TASK_BOARD = "councils.task_board"
    MEETING_VIEW = "councils.meeting_view"
    MEETING_PLAN = "councils.meeting_plan"
    MEETING_RECORD = "councils.meeting_record"
    MEETING_PUBLISH = "councils.meeting_publish"
    OVERVIEW = "councils.overview"


policy = Policy(Action)


# --- who stands where --------------------------------------------------------------------------------------


def is_member(scope, council) -> bool:
    return council is not None and council.pk in scope.council_ids


def serves(scope, council) -> bool:
    """A professional whose membership names the council's centre or its whole district; for a council of a
    whole district, any professional working in that district."""
    if council is None or not scope.has(Role.PROFESSIONAL):
        return False
    if council.centre_id is not None:
        return council.centre_id in scope.centre_ids or council.district_id in scope.district_ids
    return scope.works_in_district(council.district_id)


def coordinates(scope, council) -> bool:
    return (
        council is not None
        and council.organisation_id is not None
        and (council.organisation_id in scope.coordinated_organisation_ids)
    )


def approves(scope, plan) -> bool:
    """The municipality's analyst or the organisation's coordinator, as the municipality's settings say."""
    council = plan.council
    settings = getattr(council.district.municipality, "council_settings", None)
    approver = settings.plan_approver if settings is not None else PlanApprover.ORGANISATION
    if approver == PlanApprover.MUNICIPALITY:
        return scope.has(Role.ANALYST) and council.district.municipality_id in scope.municipality_ids
    return coordinates(scope, council)


# --- rules -------------------------------------------------------------------------------------------------


@policy.rule(Action.VIEW)
def _view(user, scope, council) -> bool:
    return True  # the public council page


@policy.rule(Action.LIST_MINE)
def _list_mine(user, scope, obj) -> bool:
    return scope.is_admin or bool(scope.council_ids) or scope.has(Role.PROFESSIONAL)


@policy.rule(Action.MANAGE)
def _manage(user, scope, obj) -> bool:
    return scope.is_admin


@policy.rule(Action.WORK)
def _work(user, scope, council) -> bool:
    if council is None:
        return scope.is_admin or bool(scope.council_ids) or scope.has(Role.PROFESSIONAL)
    return scope.is_admin or is_member(scope, council) or serves(scope, council) or coordinates(scope, council)


@policy.rule(Action.CENTRE_PROFILE_EDIT)
def _centre_profile(user, scope, council) -> bool:
    return council is not None and council.centre_id is not None and is_member(scope, council)


@policy.rule(Action.TAILOR)
def _tailor(user, scope, council) -> bool:
    """Tailoring of the council's district (which tools it uses, its initiatives, its plan template): the
    council's own members. `obj` is the council."""
    return council is not None and is_member(scope, council)


@policy.rule(Action.MEMBER_PROPOSE)
def _member_propose(user, scope, council) -> bool:
    if council is None:
        return False
    if scope.is_admin:
        return True
    return is_member(scope, council) and bool(seated_positions(user, council.pk) & PROPOSING_POSITIONS)


@policy.rule(Action.MEMBER_CONFIRM, Action.MEMBER_END)
def _member_confirm(user, scope, member) -> bool:
    return member is not None and (scope.is_admin or coordinates(scope, member.council))


@policy.rule(Action.PLAN_VIEW)
def _plan_view(user, scope, plan) -> bool:
    if plan is None:
        return False
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.SUBMITTED):
        return True  # approved plans are public
    return _work(user, scope, plan.council) or approves(scope, plan)


@policy.rule(Action.PLAN_CREATE)
def _plan_create(user, scope, council) -> bool:
    return is_member(scope, council)


@policy.rule(Action.PLAN_EDIT)
def _plan_edit(user, scope, plan) -> bool:
    return plan is not None and plan.status in PLAN_EDITABLE and is_member(scope, plan.council)


@policy.rule(Action.PLAN_SUBMIT, Action.PLAN_START, Action.PLAN_EVALUATE)
def _plan_council(user, scope, plan) -> bool:
    return plan is not None and is_member(scope, plan.council)


@policy.rule(Action.PLAN_APPROVE)
def _plan_approve(user, scope, plan) -> bool:
    return plan is not None and approves(scope, plan)


@policy.rule(Action.PLAN_APPROVALS)
def _plan_approvals(user, scope, obj) -> bool:
    return scope.has(Role.ANALYST) or bool(scope.coordinated_organisation_ids)


@policy.rule(Action.ASSIGNMENT_CREATE)
def _assignment_create(user, scope, council) -> bool:
    return is_member(scope, council)


@policy.rule(Action.ASSIGNMENT_VIEW)
def _assignment_view(user, scope, assignment) -> bool:
    if assignment is None:
        return False
    return (
        assignment.professional_id == getattr(user, "pk", None)
        or is_member(scope, assignment.council)
        or serves(scope, assignment.council)
    )


@policy.rule(Action.ASSIGNMENT_RESPOND)
def _assignment_respond(user, scope, assignment) -> bool:
    return assignment is not None and scope.has(Role.PROFESSIONAL) and assignment.professional_id == user.pk


@policy.rule(Action.ASSIGNMENT_WITHDRAW)
def _assignment_withdraw(user, scope, assignment) -> bool:
    return assignment is not None and is_member(scope, assignment.council)


@policy.rule(Action.TASK_BOARD)
def _task_board(user, scope, obj) -> bool:
    return scope.has(Role.PROFESSIONAL)


@policy.rule(Action.MEETING_VIEW)
def _meeting_view(user, scope, meeting) -> bool:
    return True  # date, place and agenda are public; minutes and decisions once published (the page decides which)


@policy.rule(Action.MEETING_PLAN)
def _meeting_plan(user, scope, obj) -> bool:
    """Plan, change or cancel a meeting: the council's members and the professionals who serve it. `obj` is the
    council (planning a new one) or a planned meeting."""
    council = getattr(obj, "council", obj)
    if council is None or getattr(obj, "status", MeetingStatus.PLANNED) != MeetingStatus.PLANNED:
        return False
    return is_member(scope, council) or serves(scope, council)


@policy.rule(Action.MEETING_RECORD)
def _meeting_record(user, scope, meeting) -> bool:
    """Attendance, minutes and decisions of a meeting whose minutes are not yet published."""
    if meeting is None or meeting.status != MeetingStatus.PLANNED:
        return False
    return is_member(scope, meeting.council) or serves(scope, meeting.council)


@policy.rule(Action.MEETING_PUBLISH)
def _meeting_publish(user, scope, meeting) -> bool:
    """The chair or the secretary publishes the minutes on behalf of the council."""
    if meeting is None:
        return False
    council = meeting.council
    return is_member(scope, council) and bool(seated_positions(user, council.pk) & PROPOSING_POSITIONS)


@policy.rule(Action.OVERVIEW)
def _overview(user, scope, obj) -> bool:
    """Counts per district for the municipality's analyst: councils, seats, plans, meetings, assignments.
    No person appears in them."""
    return scope.has(Role.ANALYST) and bool(scope.municipality_ids)


# --- list filters ------------------------------------------------------------------------------------------


def _served_q(scope, prefix: str = "") -> Q:
    if not scope.has(Role.PROFESSIONAL):
        return Q(pk__in=[])
    return (
        Q(**{f"{prefix}centre_id__in": scope.centre_ids})
        | Q(**{f"{prefix}district_id__in": scope.district_ids})
        | Q(**{f"{prefix}centre__isnull": True, f"{prefix}district_id__in": scope.work_district_ids})
    )


@policy.filter(Action.VIEW)
def _visible(user, scope, qs):
    return qs


@policy.filter(Action.WORK)
def _workable(user, scope, qs):
    if scope.is_admin:
        return qs
    return qs.filter(
        Q(pk__in=scope.council_ids) | _served_q(scope) | Q(organisation_id__in=scope.coordinated_organisation_ids)
    )


@policy.filter(Action.MANAGE)
def _managed(user, scope, qs):
    return qs if scope.is_admin else qs.none()


@policy.filter(Action.ASSIGNMENT_VIEW)
def _assignments_visible(user, scope, qs):
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(Q(professional=user) | Q(council_id__in=scope.council_ids) | _served_q(scope, "council__"))


@policy.filter(Action.PLAN_APPROVE)
def _plans_to_approve(user, scope, qs):
    """Plans this user approves: a coordinator those of their organisation's councils where the organisation
    approves; an analyst those of their municipality where the municipality approves."""
    organisation_approves = Q(council__district__municipality__council_settings__isnull=True) | Q(
        council__district__municipality__council_settings__plan_approver=PlanApprover.ORGANISATION
    )
    by_organisation = organisation_approves & Q(council__organisation_id__in=scope.coordinated_organisation_ids)
    by_municipality = Q(
        council__district__municipality__council_settings__plan_approver=PlanApprover.MUNICIPALITY,
        council__district__municipality_id__in=scope.municipality_ids if scope.has(Role.ANALYST) else [],
    )
    return qs.filter(by_organisation | by_municipality)


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.WORK):
    return policy.visible_to(user, qs, action)
