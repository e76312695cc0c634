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
    TAG_SAVE = "volunteers.tag_save", _("vaardigheid of interesse opgeslagen")
    STOP_REASON_SAVE = "volunteers.stop_reason_save", _("reden van afmelden opgeslagen")
