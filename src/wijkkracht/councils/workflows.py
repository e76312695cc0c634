"""The transition maps of councils: plans, assignments and council seats (see docs/architecture.md, Workflow)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkkracht.workflow.maps import Move, Workflow, register

from .constants import AssignmentStatus as A
from .constants import MeetingStatus as V
from .constants import MemberStatus as M
from .constants import PlanStatus as P
from .models import Assignment, CouncilMember, Meeting, Plan
from .permissions import Action, can


def plan_has_goals(plan: Plan) -> str | None:
    return None if plan.goals.exists() else _("Een plan heeft minstens één doel nodig voordat u het indient.")


def plan_has_evaluation(plan: Plan) -> str | None:
    return None if plan.evaluation.strip() else _("Schrijf eerst de evaluatie: wat lukte er, en wat niet?")


PLAN_WORKFLOW = register(
    Workflow(
        model=Plan,
        can=can,
        moves=[
            Move(P.DRAFT, P.SUBMITTED, Action.PLAN_SUBMIT, guard=plan_has_goals),
            Move(P.SUBMITTED, P.APPROVED, Action.PLAN_APPROVE),
            Move(P.SUBMITTED, P.DRAFT, Action.PLAN_APPROVE, reason_required=True),
            # The council starts the plan; the scheduler does it on 1 January of the plan's year.
            Move(P.APPROVED, P.IN_EXECUTION, Action.PLAN_START, system=True),
            Move(P.IN_EXECUTION, P.EVALUATED, Action.PLAN_EVALUATE, guard=plan_has_evaluation),
        ],
    )
)

ASSIGNMENT_WORKFLOW = register(
    Workflow(
        model=Assignment,
        can=can,
        moves=[
            Move(A.OFFERED, A.ACCEPTED, Action.ASSIGNMENT_RESPOND),
            Move(A.OFFERED, A.DECLINED, Action.ASSIGNMENT_RESPOND, reason_required=True),
            Move(A.ACCEPTED, A.DONE, Action.ASSIGNMENT_RESPOND),
            Move(A.OFFERED, A.WITHDRAWN, Action.ASSIGNMENT_WITHDRAW, reason_required=True),
            Move(A.ACCEPTED, A.WITHDRAWN, Action.ASSIGNMENT_WITHDRAW, reason_required=True),
        ],
    )
)

MEMBER_WORKFLOW = register(
    Workflow(
        model=CouncilMember,
        can=can,
        moves=[
            Move(M.PROPOSED, M.CONFIRMED, Action.MEMBER_CONFIRM),
            Move(M.PROPOSED, M.REJECTED, Action.MEMBER_CONFIRM, reason_required=True),
            # Ended by the coordinator or an administrator, or by the scheduler when the term is over.
            Move(M.CONFIRMED, M.ENDED, Action.MEMBER_END, system=True),
        ],
    )
)


def meeting_has_been_held(meeting: Meeting) -> str | None:
    from django.utils import timezone

    if meeting.starts_at > timezone.now():
        return _("De vergadering is nog niet geweest. Publiceer de notulen na de vergadering.")
    if not meeting.minutes.strip():
        return _("Schrijf eerst de notulen.")
    return None


MEETING_WORKFLOW = register(
    Workflow(
        model=Meeting,
        can=can,
        moves=[
            Move(V.PLANNED, V.CANCELLED, Action.MEETING_PLAN, reason_required=True),
            Move(V.PLANNED, V.PUBLISHED, Action.MEETING_PUBLISH, guard=meeting_has_been_held),
        ],
    )
)
