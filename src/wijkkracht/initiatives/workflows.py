"""The initiative's transition map: the council decides with reasons; the initiator resubmits and finishes."""

from __future__ import annotations

from wijkkracht.workflow.maps import Move, Workflow, register

from .constants import InitiativeStatus as S
from .models import Initiative
from .permissions import Action, can

INITIATIVE_WORKFLOW = register(
    Workflow(
        model=Initiative,
        can=can,
        moves=[
            Move(S.PROPOSED, S.APPROVED, Action.DECIDE, reason_required=True),
            Move(S.PROPOSED, S.DECLINED, Action.DECIDE, reason_required=True),
            Move(S.PROPOSED, S.NEEDS_CHANGES, Action.DECIDE, reason_required=True),
            Move(S.NEEDS_CHANGES, S.PROPOSED, Action.EDIT),
            Move(S.APPROVED, S.DONE, Action.CHECKLIST),
        ],
    )
)
