"""The help request's transition map: new → intake → matching → matched → in progress → closed, plus waiting for
the resident and reopened. The professionals of the district make every move; the resident may close (withdraw)
their own request before the help starts. Closing needs an outcome (set by services.help_request_close)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkkracht.workflow.maps import Move, Workflow, register

from .constants import AuditAction
from .constants import RequestStatus as S
from .models import HelpRequest
from .permissions import Action, can


def has_outcome(help_request: HelpRequest) -> str | None:
    return None if help_request.outcome else _("Kies eerst de uitkomst: geholpen, ingetrokken of doorverwezen.")


H = Action.HANDLE
OPEN = (S.NEW, S.INTAKE, S.MATCHING, S.MATCHED, S.IN_PROGRESS, S.WAITING, S.REOPENED)

HELP_REQUEST_WORKFLOW = register(
    Workflow(
        model=HelpRequest,
        can=can,
        audit_action=AuditAction.STATUS,
        moves=[
            Move(S.NEW, S.INTAKE, H),
            Move(S.NEW, S.MATCHING, H),
            Move(S.INTAKE, S.MATCHING, H),
            # The professional (a helper from the own network), or the system when the matched helper says yes.
            Move(S.MATCHING, S.MATCHED, H, system=True, reason_required=True),
            Move(S.MATCHED, S.IN_PROGRESS, H),
            Move(S.MATCHED, S.MATCHING, H, reason_required=True),
            Move(S.IN_PROGRESS, S.MATCHING, H, reason_required=True),
            *(Move(source, S.WAITING, H, reason_required=True) for source in (S.INTAKE, S.MATCHING, S.IN_PROGRESS)),
            Move(S.WAITING, S.INTAKE, H),
            Move(S.WAITING, S.MATCHING, H),
            Move(S.WAITING, S.IN_PROGRESS, H),
            Move(S.CLOSED, S.REOPENED, H, reason_required=True),
            Move(S.REOPENED, S.INTAKE, H),
            Move(S.REOPENED, S.MATCHING, H),
            *(Move(source, S.CLOSED, Action.CLOSE, guard=has_outcome) for source in OPEN),
        ],
    )
)
