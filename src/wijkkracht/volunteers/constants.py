"""Choices of the volunteers app. The transition map lives in workflows.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class VolunteerStatus(models.TextChoices):
    REGISTERED = "registered", _("aanmelding")
    INTAKE = "intake", _("intake")
    ACTIVE = "active", _("actief")
    PAUSED = "paused", _("pauze")
    STOPPED = "stopped", _("afgemeld")


# A volunteer who has not stopped may change their own profile.
CURRENT = frozenset(
    {VolunteerStatus.REGISTERED, VolunteerStatus.INTAKE, VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED}
)


class TagKind(models.TextChoices):
    SKILL = "skill", _("vaardigheid")
    INTEREST = "interest", _("interesse")


class DayPart(models.TextChoices):
    MORNING = "morning", _("ochtend")
    AFTERNOON = "afternoon", _("middag")
    EVENING = "evening", _("avond")


WEEKDAYS = (
    ("mon", _("maandag")),
    ("tue", _("dinsdag")),
    ("wed", _("woensdag")),
    ("thu", _("donderdag")),
    ("fri", _("vrijdag")),
    ("sat", _("zaterdag")),
    ("sun", _("zondag")),
)
# The weekly availability grid: one slot per weekday and part of the day, e.g. "mon_morning".
SLOTS = tuple(f"{day}_{part}" for day, _label in WEEKDAYS for part in DayPart.values)

MAX_HOURS_PER_WEEK = 60
# How long a pause may last at most (days), so nobody is "paused" for ever.
MAX_PAUSE_DAYS = 366


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("open")
    FILLED = "filled", _("vol")
    CLOSED = "closed", _("gesloten")


class VacancyPlace(models.TextChoices):
    """Where the role is: an activity of a centre, a centre, a whole district or the help service."""

    CENTRE = "centre", _("in een wijkcentrum")
    ACTIVITY = "activity", _("bij een activiteit")
    DISTRICT = "district", _("in de wijk")
    HELP_SERVICE = "help_service", _("bij de hulpdienst (buren helpen)")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend")
    ACCEPTED = "accepted", _("aangenomen")
    DECLINED = "declined", _("afgewezen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


# Applications that hold or may take a place.
APPLICATION_LIVE = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED})


class ApplicationChannel(models.TextChoices):
    WEB = "web", _("via de website")
    PHONE = "phone", _("telefonisch")
    DESK = "desk", _("aan de balie")


class CertificateKind(models.TextChoices):
    VOG = "vog", _("VOG (Verklaring Omtrent het Gedrag)")
    TRAINING = "training", _("training")


# A VOG counts as valid this many years after its issue date (settings.WIJKKRACHT_VOG_VALID_YEARS overrides).
VOG_VALID_YEARS = 3
# The volunteer and their professional hear this many days before a VOG lapses.
VOG_REMIND_DAYS = 60
# How many suggestions a vacancy shows.
SUGGESTIONS = 10


class HoursStatus(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend")
    APPROVED = "approved", _("goedgekeurd")
    DECLINED = "declined", _("afgewezen")


# Hours are logged in quarters of an hour; one day has at most 24.
MAX_HOURS_PER_DAY = 24


class AttentionReason(models.TextChoices):
    """Why a volunteer needs attention (the daily retention job, jobs.retention)."""

    QUIET = "quiet", _("al lang niets van gehoord")
    DROPPING = "dropping", _("minder uren dan eerst")
    OVER_MAX = "over_max", _("meer uren dan afgesproken")
    VOG_LAPSING = "vog_lapsing", _("VOG verloopt binnenkort")
    PAUSE_ENDING = "pause_ending", _("pauze loopt af")


# What the professional might do, per reason.
ATTENTION_ACTIONS = {
    AttentionReason.QUIET: _("Bel even om te horen hoe het gaat."),
    AttentionReason.DROPPING: _("Vraag of het werk nog past; misschien past een andere rol beter."),
    AttentionReason.OVER_MAX: _("Bespreek of het te veel wordt en zoek iemand die een deel overneemt."),
    AttentionReason.VOG_LAPSING: _("Help met het aanvragen van een nieuwe VOG."),
    AttentionReason.PAUSE_ENDING: _("Neem contact op over de terugkeer na de pauze."),
}
# No hours written for this many days (and a volunteer for longer than that): quiet.
QUIET_DAYS = 60
# The last 30 days have less than half of the monthly average of the 90 days before (at least 2 hours a month).
DROP_WINDOW_DAYS = 30
DROP_HISTORY_DAYS = 90
# A pause that ends within this many days.
PAUSE_ENDING_DAYS = 7


# --- young volunteers (the 15–55 policy starts at 15) -------------------------------------------------------
# A volunteer may be this old at the youngest.
MIN_AGE = 15
# Under this age a parent's or guardian's consent is recorded before the volunteer is active or takes a shift,
# and the volunteer never helps a vulnerable resident alone.
ADULT_AGE = 18


# --- shifts -------------------------------------------------------------------------------------------------
class StandInStatus(models.TextChoices):
    OPEN = "open", _("gevraagd")
    TAKEN = "taken", _("overgenomen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


# A recurring slot is planned this many weeks ahead at most.
MAX_SERIES_WEEKS = 26
# A shift lasts at most this long.
MAX_SHIFT_HOURS = 12


# --- recognition --------------------------------------------------------------------------------------------
class MilestoneKind(models.TextChoices):
    YEARS = "years", _("jaren vrijwilliger")
    HOURS = "hours", _("uren gegeven")


MILESTONES = {
    MilestoneKind.YEARS: (1, 5, 10, 15, 20, 25),
    MilestoneKind.HOURS: (50, 100, 250, 500, 1000, 2500),
}


# --- messages -----------------------------------------------------------------------------------------------
class Audience(models.TextChoices):
    VACANCY = "vacancy", _("vrijwilligers van een vacature")
    ACTIVITY = "activity", _("vrijwilligers van een activiteit")
    DISTRICT = "district", _("vrijwilligers van een wijk")


class MoveLabel:
    LABELS = {
        VolunteerStatus.INTAKE: _("Intake plannen"),
        VolunteerStatus.ACTIVE: _("Actief maken"),
        VolunteerStatus.PAUSED: _("Pauze nemen"),
        VolunteerStatus.STOPPED: _("Afmelden"),
    }


@audit_actions
class AuditAction(models.TextChoices):
    REGISTER = "volunteers.register", _("aangemeld als vrijwilliger")
    STATUS = "volunteers.status", _("status van vrijwilliger gewijzigd")
    PROFILE_UPDATE = "volunteers.profile_update", _("profiel van vrijwilliger gewijzigd")
    AREAS_SET = "volunteers.areas_set", _("wijkcentra en wijken van vrijwilliger gewijzigd")
    PAUSE = "volunteers.pause", _("vrijwilliger neemt pauze")
    STOP = "volunteers.stop", _("vrijwilliger afgemeld")
    EXCEPTION_ADD = "volunteers.exception_add", _("afwezigheid van vrijwilliger toegevoegd")
    EXCEPTION_REMOVE = "volunteers.exception_remove", _("afwezigheid van vrijwilliger verwijderd")
    VACANCY_SAVE = "volunteers.vacancy_save", _("vacature opgeslagen")
    VACANCY_STATUS = "volunteers.vacancy_status", _("status van vacature gewijzigd")
    APPLY = "volunteers.apply", _("gereageerd op vacature")
    APPLICATION_STATUS = "volunteers.application_status", _("besluit over reactie op vacature")
    CERTIFICATE_RECORD = "volunteers.certificate_record", _("VOG of training vastgelegd")
    CERTIFICATE_REMIND = "volunteers.certificate_remind", _("herinnering verlopen VOG verstuurd")
    HOURS_LOG = "volunteers.hours_log", _("uren geschreven")
    HOURS_DECIDE = "volunteers.hours_decide", _("besluit over geschreven uren")
    RETENTION = "volunteers.retention", _("aandachtslijst vrijwilligers bijgewerkt")
    TAG_SAVE = "volunteers.tag_save", _("vaardigheid of interesse opgeslagen")
    STOP_REASON_SAVE = "volunteers.stop_reason_save", _("reden van afmelden opgeslagen")
    GUARDIAN_CONSENT = "volunteers.guardian_consent", _("toestemming van ouder of voogd vastgelegd")
    SHIFT_PLAN = "volunteers.shift_plan", _("diensten gepland")
    SHIFT_TAKE = "volunteers.shift_take", _("dienst genomen")
    SHIFT_ASSIGN = "volunteers.shift_assign", _("dienst toegewezen")
    SHIFT_RELEASE = "volunteers.shift_release", _("dienst vrijgegeven")
    STAND_IN_ASK = "volunteers.stand_in_ask", _("invaller gevraagd")
    STAND_IN_STATUS = "volunteers.stand_in_status", _("invalverzoek overgenomen of ingetrokken")
    FEED_RESET = "volunteers.feed_reset", _("agendalink van vrijwilliger vernieuwd")
    RECOGNISE = "volunteers.recognise", _("mijlpalen van vrijwilligers bijgewerkt")
    MESSAGE_SEND = "volunteers.message_send", _("bericht aan vrijwilligers verstuurd")


def vog_valid_years() -> int:
    """How long a VOG counts as valid: settings.WIJKKRACHT_VOG_VALID_YEARS, default VOG_VALID_YEARS (3)."""
    from django.conf import settings

    return int(getattr(settings, "WIJKKRACHT_VOG_VALID_YEARS", VOG_VALID_YEARS))
