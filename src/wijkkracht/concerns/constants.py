"""Choices of the concerns app (signalering: a worry about someone or something in the district). The transition
map lives in workflows.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class Topic(models.TextChoices):
    LONELINESS = "loneliness", _("eenzaamheid")
    NEGLECT = "neglect", _("verwaarlozing")
    MONEY = "money", _("geldzorgen")
    SAFETY = "safety", _("veiligheid")
    HOUSING = "housing", _("wonen")
    PUBLIC_SPACE = "public_space", _("openbare ruimte")


class ConcernStatus(models.TextChoices):
    NEW = "new", _("nieuw")
    TRIAGED = "triaged", _("beoordeeld")
    IN_ACTION = "in_action", _("in behandeling")
    CLOSED = "closed", _("afgesloten")


class ReporterRole(models.TextChoices):
    RESIDENT = "resident", _("bewoner")
    VOLUNTEER = "volunteer", _("vrijwilliger")
    PARTNER = "partner", _("partner")
    PROFESSIONAL = "professional", _("beroepskracht")


class Priority(models.TextChoices):
    LOW = "low", _("kan wachten")
    NORMAL = "normal", _("deze week")
    HIGH = "high", _("vandaag of morgen")


class StepKind(models.TextChoices):
    """What the professional did about a concern. A help request is made through support's service."""

    CONTACT = "contact", _("contact gelegd")
    HELP_REQUEST = "help_request", _("hulpvraag gemaakt")
    PARTNER = "partner", _("doorgezet naar een partner")
    SOCIAL_TEAM = "social_team", _("doorgezet naar het sociaal wijkteam")
    MUNICIPALITY = "municipality", _("doorgezet naar de gemeente")


# Steps recorded on the concern's page (a help request has its own form).
RECORDED_STEPS = [(k.value, k.label) for k in StepKind if k != StepKind.HELP_REQUEST]


class Feedback(models.TextChoices):
    """What the reporter hears when a concern is closed. Only these fixed texts: they never say anything about
    the person the concern was about (FEEDBACK_TEXT)."""

    ACTED = "acted", _("er is iets mee gedaan")
    PASSED_ON = "passed_on", _("doorgegeven aan wie kan helpen")
    NO_ACTION = "no_action", _("geen actie nodig")


FEEDBACK_TEXT = {
    Feedback.ACTED: _(
        "Dank u voor uw melding. We hebben er iets mee gedaan. Meer kunnen we niet vertellen: zo beschermen we "
        "de privacy van iedereen."
    ),
    Feedback.PASSED_ON: _(
        "Dank u voor uw melding. We hebben hem doorgegeven aan wie er het beste mee kan helpen. Meer kunnen we niet "
        "vertellen: zo beschermen we de privacy van iedereen."
    ),
    Feedback.NO_ACTION: _("Dank u voor uw melding. We hebben ernaar gekeken. Er is nu geen actie van ons nodig."),
}


class AccessPurpose(models.TextChoices):
    """Why someone opened a concern's personal data (the access log)."""

    HANDLING = "handling", _("behandeling van de melding")


class MoveLabel:
    LABELS = {
        ConcernStatus.TRIAGED: _("Beoordeel"),
        ConcernStatus.IN_ACTION: _("Heropen de melding"),
        ConcernStatus.CLOSED: _("Sluit af met een bericht aan de melder"),
    }


ANONYMISED = "—"


@audit_actions
class AuditAction(models.TextChoices):
    RAISE = "concerns.raise", _("zorgsignaal gemeld")
    STATUS = "concerns.status", _("status van een zorgsignaal gewijzigd")
    TRIAGE = "concerns.triage", _("zorgsignaal beoordeeld")
    STEP = "concerns.step", _("actie op een zorgsignaal vastgelegd")
    HELP_REQUEST = "concerns.help_request", _("hulpvraag gemaakt van een zorgsignaal")
    CLOSE = "concerns.close", _("zorgsignaal afgesloten")
    ANONYMISE = "concerns.anonymise", _("afgesloten zorgsignaal geanonimiseerd")


def concerns_setting(name: str) -> int:
    """A configurable number of the concerns app (settings.WIJKKRACHT_CONCERNS_<NAME>)."""
    from django.conf import settings

    return int(getattr(settings, f"WIJKKRACHT_CONCERNS_{name}"))
