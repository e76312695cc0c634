"""The volunteer's transition map: aanmelding → intake → actief ⇄ pauze, and afgemeld (with a reason) from
every current state. The professional plans the intake and activates; the volunteer or the professional
pauses, resumes and stops; the system resumes a volunteer whose pause has ended (jobs.py)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.workflow.maps import Move, Workflow, register

from .constants import AuditAction
from .constants import VolunteerStatus as S
from .models import Volunteer
from .permissions import Action, can


def _pause_has_end(volunteer: Volunteer) -> str | None:
    if volunteer.paused_until is None or volunteer.paused_until < timezone.localdate():
        return _("Geef aan tot wanneer de pauze duurt (een datum vanaf vandaag).")
    return None


def _has_stop_reason(volunteer: Volunteer) -> str | None:
    return None if volunteer.stop_reason_id is not None else _("Kies een reden voor het afmelden.")


VOLUNTEER_WORKFLOW = register(
    Workflow(
        model=Volunteer,
        can=can,
        audit_action=AuditAction.STATUS,
        moves=[
            Move(S.REGISTERED, S.INTAKE, Action.MANAGE),
            Move(S.REGISTERED, S.ACTIVE, Action.MANAGE),
            Move(S.INTAKE, S.ACTIVE, Action.MANAGE),
            Move(S.ACTIVE, S.PAUSED, Action.PAUSE, guard=_pause_has_end),
            Move(S.PAUSED, S.ACTIVE, Action.RESUME, system=True),
            Move(S.REGISTERED, S.STOPPED, Action.STOP, guard=_has_stop_reason),
            Move(S.INTAKE, S.STOPPED, Action.STOP, guard=_has_stop_reason),
            Move(S.ACTIVE, S.STOPPED, Action.STOP, guard=_has_stop_reason),
            Move(S.PAUSED, S.STOPPED, Action.STOP, guard=_has_stop_reason),
            Move(S.STOPPED, S.INTAKE, Action.MANAGE),
        ],
    )
)
