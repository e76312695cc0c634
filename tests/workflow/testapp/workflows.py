"""The transition map of the test Ticket, declared as every app declares its own."""

from wijkkracht.workflow.maps import Move, Workflow, register

from .models import Ticket
from .models import TicketStatus as S


def can(user, action, obj) -> bool:
    """Stand-in policy: staff may do everything; the owner-ish 'resident' only close."""
    if action not in {"open", "close", "cancel"}:
        raise ValueError(f"unknown action {action}")
    return bool(getattr(user, "is_staff", False))


def must_be_ready(ticket: Ticket) -> str | None:
    return None if ticket.ready else "Het ticket is nog niet klaar."


TICKET_WORKFLOW = register(
    Workflow(
        model=Ticket,
        can=can,
        moves=[
            Move(S.NEW, S.OPEN, "open"),
            Move(S.OPEN, S.DONE, "close", guard=must_be_ready),
            Move(S.NEW, S.CANCELLED, "cancel", system=True, reason_required=True),
            Move(S.OPEN, S.CANCELLED, "cancel", system=True, reason_required=True),
            Move(S.CANCELLED, S.NEW, None, system=True),
        ],
    )
)
