"""Choices and fixed names of the councils app. The transition maps themselves live in workflows.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class Position(models.TextChoices):
    CHAIR = "chair", _("voorzitter")
    SECRETARY = "secretary", _("secretaris")
    TREASURER = "treasurer", _("penningmeester")
    MEMBER = "member", _("lid")


# Positions that may propose a new member and speak for the council on its working pages.
PROPOSING_POSITIONS = frozenset({Position.CHAIR, Position.SECRETARY})


class MemberStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    CONFIRMED = "confirmed", _("bevestigd")
    REJECTED = "rejected", _("niet bevestigd")
    ENDED = "ended", _("gestopt")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    APPROVED = "approved", _("goedgekeurd")
    IN_EXECUTION = "in_execution", _("in uitvoering")
    EVALUATED = "evaluated", _("geëvalueerd")


# A plan's content may be changed in these states; after approval every change is kept as a version.
PLAN_EDITABLE = frozenset({PlanStatus.DRAFT, PlanStatus.APPROVED, PlanStatus.IN_EXECUTION})
PLAN_VERSIONED = frozenset({PlanStatus.APPROVED, PlanStatus.IN_EXECUTION})


class PlanApprover(models.TextChoices):
    MUNICIPALITY = "municipality", _("de gemeente")
    ORGANISATION = "organisation", _("de welzijnsorganisatie")


class TargetGroup(models.TextChoices):
    """CBS age bands, plus the 2012 policy's special-attention band 15–55."""

    AGE_0_15 = "0_15", _("0 tot 15 jaar")
    AGE_15_25 = "15_25", _("15 tot 25 jaar")
    AGE_25_45 = "25_45", _("25 tot 45 jaar")
    AGE_45_65 = "45_65", _("45 tot 65 jaar")
    AGE_65_PLUS = "65_plus", _("65 jaar of ouder")
    POLICY_15_55 = "15_55", _("15 tot 55 jaar (speciale aandacht)")
    EVERYONE = "all", _("alle leeftijden")


class Measure(models.TextChoices):
    """How a goal's realisation is counted. The activities capability fills in the counted kinds; until it
    exists (and for `manual`) the council enters the realised figure itself."""

    RESIDENTS_REACHED = "residents_reached", _("verschillende bewoners bereikt")
    ACTIVITIES_PER_MONTH = "activities_per_month", _("activiteiten per maand")
    ACTIVITIES_TOTAL = "activities_total", _("activiteiten in het jaar")
    VISITS = "visits", _("bezoeken (geturfd)")
    VOLUNTEERS = "volunteers", _("actieve vrijwilligers")
    MANUAL = "manual", _("zelf bijgehouden")


class AssignmentStatus(models.TextChoices):
    OFFERED = "offered", _("gevraagd")
    ACCEPTED = "accepted", _("aangenomen")
    DECLINED = "declined", _("afgewezen")
    DONE = "done", _("afgerond")
    WITHDRAWN = "withdrawn", _("ingetrokken")


ASSIGNMENT_OPEN = frozenset({AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED})


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    CANCELLED = "cancelled", _("afgezegd")
    PUBLISHED = "published", _("notulen gepubliceerd")


class ReminderKind(models.TextChoices):
    MEETING_WEEK = "meeting_week", _("vergadering over een week")
    MEETING_DAY = "meeting_day", _("vergadering morgen")
    ASSIGNMENT_OVERDUE = "assignment_overdue", _("opdracht over de datum")
    PLAN_NOT_EVALUATED = "plan_not_evaluated", _("plan niet geëvalueerd")


# The button for each move, by its target state.
MOVE_LABELS = {
    PlanStatus.SUBMITTED: _("Indienen ter goedkeuring"),
    PlanStatus.APPROVED: _("Goedkeuren"),
    PlanStatus.DRAFT: _("Terugsturen naar de raad"),
    PlanStatus.IN_EXECUTION: _("Start de uitvoering"),
    PlanStatus.EVALUATED: _("Evaluatie afronden"),
    AssignmentStatus.ACCEPTED: _("Aannemen"),
    AssignmentStatus.DECLINED: _("Afwijzen"),
    AssignmentStatus.DONE: _("Afronden"),
    AssignmentStatus.WITHDRAWN: _("Intrekken"),
    MeetingStatus.CANCELLED: _("Vergadering afzeggen"),
    MeetingStatus.PUBLISHED: _("Notulen publiceren"),
}


@audit_actions
class AuditAction(models.TextChoices):
    """One audit action name per event, whatever the entry point."""

    COUNCIL_CREATED = "councils.create", _("gebruikersraad aangemaakt")
    COUNCIL_UPDATED = "councils.update", _("gebruikersraad gewijzigd")
    MEMBER_PROPOSE = "councils.member_propose", _("raadslid voorgesteld")
    CENTRE_PROFILE = "councils.centre_profile_update", _("profiel wijkcentrum gewijzigd door de raad")
    PLAN_CREATE = "councils.plan_create", _("plan aangemaakt")
    PLAN_UPDATE = "councils.plan_update", _("plan gewijzigd")
    PLAN_VERSION = "councils.plan_version", _("planversie bewaard")
    GOAL_SAVE = "councils.goal_save", _("doel opgeslagen")
    GOAL_DELETE = "councils.goal_delete", _("doel verwijderd")
    GOAL_REALISED = "councils.goal_realised", _("resultaat van een doel ingevuld")
    SETTINGS_UPDATE = "councils.settings_update", _("instelling gebruikersraden gewijzigd")
    ASSIGNMENT_CREATE = "councils.assignment_create", _("opdracht gegeven")
    ASSIGNMENT_PROGRESS = "councils.assignment_progress", _("voortgang van een opdracht gemeld")
    MEETING_PLAN = "councils.meeting_plan", _("vergadering gepland")
    MEETING_UPDATE = "councils.meeting_update", _("vergadering gewijzigd")
    MEETING_ATTENDANCE = "councils.meeting_attendance", _("aanwezigheid bij een vergadering vastgelegd")
    MEETING_MINUTES = "councils.meeting_minutes", _("notulen bijgewerkt")
    DECISION_ADD = "councils.decision_add", _("besluit vastgelegd")
    REMINDER_SENT = "councils.reminder_sent", _("herinnering verstuurd")
    TAILORING_SAVE = "councils.tailoring_save", _("maatwerk van de wijk gewijzigd")
    TEMPLATE_GOAL_SAVE = "councils.template_goal_save", _("doel in het plansjabloon opgeslagen")
    TEMPLATE_GOAL_DELETE = "councils.template_goal_delete", _("doel uit het plansjabloon verwijderd")
