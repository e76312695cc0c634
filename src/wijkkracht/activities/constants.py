"""Choices and fixed values of the activities app. The transition maps live in workflows.py."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("op de agenda")
    STOPPED = "stopped", _("gestopt")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("gaat door")
    CANCELLED = "cancelled", _("gaat niet door")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("aangemeld")
    WAITLISTED = "waitlisted", _("op de wachtlijst")
    CANCELLED = "cancelled", _("afgemeld")


# A sign-up that holds a place or a place in the queue (at most one per person per session).
LIVE_REGISTRATION = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)
# The signed cancel link in the confirmation mail (django.core.signing, salted per purpose).
CANCEL_SALT = "activities.registration.cancel"


class BookingKind(models.TextChoices):
    """Who books a room: a session of an activity, a group of residents, or someone from outside who hires it."""

    SESSION = "session", _("een bijeenkomst")
    RESIDENTS = "residents", _("een groep bewoners")
    HIRER = "hirer", _("een huurder van buiten")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("geboekt")
    CANCELLED = "cancelled", _("geannuleerd")


class OrganiserKind(models.TextChoices):
    RESIDENTS = "residents", _("bewoners")
    VOLUNTEERS = "volunteers", _("vrijwilligers")
    PARTNER = "partner", _("een partnerorganisatie")
    CENTRE = "centre", _("het wijkcentrum")


class AgeBand(models.TextChoices):
    """The CBS age bands (the same as the population figures), so reach can be compared with the population."""

    AGE_0_15 = "0_15", _("kinderen (0 tot 15 jaar)")
    AGE_15_25 = "15_25", _("jongeren (15 tot 25 jaar)")
    AGE_25_45 = "25_45", _("volwassenen (25 tot 45 jaar)")
    AGE_45_65 = "45_65", _("volwassenen (45 tot 65 jaar)")
    AGE_65_PLUS = "65_plus", _("ouderen (65 jaar en ouder)")


# The model field that holds each band (Activity.age_0_15, ...): the names of PopulationFigure's fields.
AGE_FIELDS: dict[str, str] = {
    AgeBand.AGE_0_15: "age_0_15",
    AgeBand.AGE_15_25: "age_15_25",
    AgeBand.AGE_25_45: "age_25_45",
    AgeBand.AGE_45_65: "age_45_65",
    AgeBand.AGE_65_PLUS: "age_65_plus",
}
# The policy's special-attention group 15–55 on the calendar: the CBS bands that overlap it.
POLICY_BAND = "15_55"
POLICY_BAND_FIELDS = ("age_15_25", "age_25_45", "age_45_65")
YOUTH_BAND = AgeBand.AGE_15_25


class Repeat(models.TextChoices):
    """The schedule as a professional chooses it; stored as an RFC 5545 rule (Activity.rrule)."""

    ONCE = "once", _("één keer")
    WEEKLY = "weekly", _("elke week")
    BIWEEKLY = "biweekly", _("om de week")
    MONTHLY = "monthly", _("elke maand (zelfde weekdag)")
    CUSTOM = "custom", _("anders (een herhaalregel volgens RFC 5545)")


# Check-in opens this long before a session starts; the professional is reminded this long after a session
# without any attendance or head count.
CHECK_IN_OPENS = timedelta(hours=1)
ATTENDANCE_REMINDER_AFTER = timedelta(days=2)
# Sessions are made this far ahead (the periodic job tops them up every night).
SESSION_HORIZON = timedelta(days=91)
# At most this many sessions for one activity in the horizon (a daily activity has 91).
MAX_OCCURRENCES = 400
# Frequencies a rule may use: nothing shorter than a day.
ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# The calendar shows a week at a time; "what's on" shows at most this many sessions.
CALENDAR_DAYS = 7
# A busy week is shown this many sessions at a time (a page), so the calendar stays fast at any size.
CALENDAR_PAGE = 40
WHATS_ON_LIMIT = 8


# The button for each move, by its target state.
MOVE_LABELS = {
    ActivityStatus.PUBLISHED: _("Op de agenda zetten"),
    ActivityStatus.STOPPED: _("Stoppen met deze activiteit"),
    ActivityStatus.DRAFT: _("Terug naar concept"),
}


@audit_actions
class AuditAction(models.TextChoices):
    ACTIVITY_CREATE = "activities.activity_create", _("activiteit aangemaakt")
    ACTIVITY_UPDATE = "activities.activity_update", _("activiteit gewijzigd")
    SESSIONS_GENERATE = "activities.sessions_generate", _("bijeenkomsten gepland")
    SESSION_CANCEL = "activities.session_cancel", _("bijeenkomst afgelast")
    SESSION_RESTORE = "activities.session_restore", _("afgelaste bijeenkomst gaat toch door")
    CATEGORY_SAVE = "activities.category_save", _("soort activiteit opgeslagen")
    REGISTRATION_CREATE = "activities.registration_create", _("aangemeld voor een bijeenkomst")
    REGISTRATION_CANCEL = "activities.registration_cancel", _("afgemeld voor een bijeenkomst")
    REGISTRATION_PROMOTE = "activities.registration_promote", _("van de wachtlijst naar een plek")
    REGISTRATION_REMIND = "activities.registration_remind", _("herinnering voor een bijeenkomst verstuurd")
    CHECK_IN = "activities.check_in", _("aanwezig gemeld")
    CHECK_IN_UNDO = "activities.check_in_undo", _("aanwezig melden teruggedraaid")
    HEAD_COUNT = "activities.head_count", _("bezoekers geturfd")
    ATTENDANCE_REMIND = "activities.attendance_remind", _("beroepskracht herinnerd aan de presentie")
    BOOKING_CREATE = "activities.booking_create", _("zaal geboekt")
    BOOKING_CANCEL = "activities.booking_cancel", _("boeking van een zaal geannuleerd")
