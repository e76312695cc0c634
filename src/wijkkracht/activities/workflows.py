"""Transition maps of activities: an activity goes on the calendar and stops; a session is called off and,
if need be, goes ahead after all. Services make the moves (activity_move, session_cancel, session_restore)."""

from __future__ import annotations

from wijkkracht.workflow.maps import Move, Workflow, register

from .constants import ActivityStatus as A
from .constants import BookingStatus as B
from .constants import RegistrationStatus as R
from .constants import SessionStatus as S
from .models import Activity, Registration, RoomBooking, Session
from .permissions import Action

ACTIVITY_WORKFLOW = register(
    Workflow(
        model=Activity,
        moves=[
            Move(A.DRAFT, A.PUBLISHED, Action.MANAGE, system=True),
            Move(A.PUBLISHED, A.DRAFT, Action.MANAGE),
            Move(A.PUBLISHED, A.STOPPED, Action.MANAGE, system=True),
            Move(A.STOPPED, A.PUBLISHED, Action.MANAGE),
        ],
    )
)

SESSION_WORKFLOW = register(
    Workflow(
        model=Session,
        moves=[
            Move(S.SCHEDULED, S.CANCELLED, Action.MANAGE, system=True),
            Move(S.CANCELLED, S.SCHEDULED, Action.MANAGE, system=True),
        ],
    )
)

REGISTRATION_WORKFLOW = register(
    Workflow(
        model=Registration,
        moves=[
            # Cancelled by the resident or the professional, or by anyone with the signed link (the system).
            Move(R.REGISTERED, R.CANCELLED, Action.REGISTRATION_CANCEL, system=True),
            Move(R.WAITLISTED, R.CANCELLED, Action.REGISTRATION_CANCEL, system=True),
            # Only the system moves someone up from the waiting list, when a place frees up.
            Move(R.WAITLISTED, R.REGISTERED, None, system=True),
        ],
    )
)

BOOKING_WORKFLOW = register(
    Workflow(
        model=RoomBooking,
        moves=[
            # Cancelled by a professional of the centre, or by the system when its session is called off.
            Move(B.BOOKED, B.CANCELLED, Action.MANAGE, system=True),
        ],
    )
)
