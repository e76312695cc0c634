"""The volunteer's transition map: aanmelding → intake → actief ⇄ pauze, and afgemeld (with a reason) from
every current state. The professional plans the intake and activates; the volunteer or the professional
pauses, resumes and stops; the system resumes a volunteer whose pause has ended (jobs.py)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.workflow.maps import Move, Workflow, register

from .constants import ApplicationStatus as A
from .constants import AuditAction
from .constants import HoursStatus as H
from .constants import StandInStatus as SI
from .constants import VacancyStatus as V
from .constants import VolunteerStatus as S
from .models import Application, Certificate, HoursEntry, StandIn, Vacancy, Volunteer
from .permissions import Action, can
from .query import young_without_consent


def _pause_has_end(volunteer: Volunteer) -> str | None:
    if volunteer.paused_until is None or volunteer.paused_until < timezone.localdate():
        return _("Geef aan tot wanneer de pauze duurt (een datum vanaf vandaag).")
    return None


def _has_stop_reason(volunteer: Volunteer) -> str | None:
    return None if volunteer.stop_reason_id is not None else _("Kies een reden voor het afmelden.")


def _young_has_consent(volunteer: Volunteer) -> str | None:
    return young_without_consent(volunteer)


VOLUNTEER_WORKFLOW = register(
    Workflow(
        model=Volunteer,
        can=can,
        audit_action=AuditAction.STATUS,
        moves=[
            Move(S.REGISTERED, S.INTAKE, Action.MANAGE),
            Move(S.REGISTERED, S.ACTIVE, Action.MANAGE, guard=_young_has_consent),
            Move(S.INTAKE, S.ACTIVE, Action.MANAGE, guard=_young_has_consent),
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


def _has_place(application: Application) -> str | None:
    vacancy = application.vacancy
    taken = Application.objects.filter(vacancy=vacancy).accepted().count()
    if vacancy.status != V.OPEN or taken >= vacancy.places:
        return _("Deze vacature is vol of gesloten; er is geen plaats meer.")
    return None


def _may_take_the_role(application: Application) -> str | None:
    """The role goes to a volunteer who has not stopped, and holds a valid VOG when the role asks for one."""
    volunteer = application.volunteer
    if volunteer is None:
        return _("Leg eerst vast wie de vrijwilliger is.")
    if volunteer.status == S.STOPPED:
        return _("Deze vrijwilliger is afgemeld.")
    if (refusal := _young_has_consent(volunteer)) is not None:
        return refusal
    if application.vacancy.vog_required and not (
        Certificate.objects.filter(volunteer=volunteer).valid_vog(timezone.localdate()).exists()
    ):
        return _("Voor deze rol is een geldige VOG nodig. Leg eerst de VOG van de vrijwilliger vast.")
    return _has_place(application)


APPLICATION_WORKFLOW = register(
    Workflow(
        model=Application,
        can=can,
        audit_action=AuditAction.APPLICATION_STATUS,
        moves=[
            Move(A.SUBMITTED, A.ACCEPTED, Action.DECIDE, guard=_may_take_the_role),
            Move(A.SUBMITTED, A.DECLINED, Action.DECIDE, reason_required=True),
            Move(A.SUBMITTED, A.WITHDRAWN, Action.WITHDRAW),
            Move(A.ACCEPTED, A.WITHDRAWN, Action.WITHDRAW),
        ],
    )
)

VACANCY_WORKFLOW = register(
    Workflow(
        model=Vacancy,
        can=can,
        audit_action=AuditAction.VACANCY_STATUS,
        moves=[
            Move(V.OPEN, V.FILLED, Action.VACANCY_MANAGE, system=True),
            Move(V.FILLED, V.OPEN, Action.VACANCY_MANAGE, system=True),
            Move(V.OPEN, V.CLOSED, Action.VACANCY_MANAGE),
            Move(V.FILLED, V.CLOSED, Action.VACANCY_MANAGE),
            Move(V.CLOSED, V.OPEN, Action.VACANCY_MANAGE),
        ],
    )
)

HOURS_WORKFLOW = register(
    Workflow(
        model=HoursEntry,
        can=can,
        audit_action=AuditAction.HOURS_DECIDE,
        moves=[
            Move(H.SUBMITTED, H.APPROVED, Action.HOURS_DECIDE),
            Move(H.SUBMITTED, H.DECLINED, Action.HOURS_DECIDE, reason_required=True),
        ],
    )
)

STAND_IN_WORKFLOW = register(
    Workflow(
        model=StandIn,
        can=can,
        audit_action=AuditAction.STAND_IN_STATUS,
        moves=[
            Move(SI.OPEN, SI.TAKEN, Action.STAND_IN_TAKE),
            Move(SI.OPEN, SI.WITHDRAWN, Action.STAND_IN_WITHDRAW, system=True),
        ],
    )
)
