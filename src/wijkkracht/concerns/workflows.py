"""The concern's transition map: new → triaged → in action → closed; a professional of the district makes every
move. Triage needs a priority, closing needs the feedback for the reporter (both set by the services first);
a closed concern may be reopened, with a reason."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkkracht.workflow.maps import Move, Workflow, register

from .constants import AuditAction
from .constants import ConcernStatus as S
from .models import Concern
from .permissions import Action, can


def has_priority(concern: Concern) -> str | None:
    return None if concern.priority else _("Kies eerst hoe dringend het is.")


def has_feedback(concern: Concern) -> str | None:
    return None if concern.feedback else _("Kies eerst het bericht aan de melder.")


H = Action.HANDLE

CONCERN_WORKFLOW = register(
    Workflow(
        model=Concern,
        can=can,
        audit_action=AuditAction.STATUS,
        moves=[
            Move(S.NEW, S.TRIAGED, H, guard=has_priority),
            Move(S.TRIAGED, S.IN_ACTION, H),
            *(Move(source, S.CLOSED, H, guard=has_feedback) for source in (S.NEW, S.TRIAGED, S.IN_ACTION)),
            Move(S.CLOSED, S.IN_ACTION, H, reason_required=True),
        ],
    )
)
