"""Choices of the initiatives app. The transition map lives in workflows.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", _("ingediend")
    NEEDS_CHANGES = "needs_changes", _("aanpassen gevraagd")
    APPROVED = "approved", _("goedgekeurd")
    DECLINED = "declined", _("afgewezen")
    DONE = "done", _("afgerond")


# Residents of the district may back an initiative while it is still alive.
BACKABLE = frozenset({InitiativeStatus.PROPOSED, InitiativeStatus.NEEDS_CHANGES, InitiativeStatus.APPROVED})
EDITABLE = frozenset({InitiativeStatus.PROPOSED, InitiativeStatus.NEEDS_CHANGES})


class Need(models.TextChoices):
    ROOM = "room", _("een ruimte")
    MONEY = "money", _("geld")
    VOLUNTEERS = "volunteers", _("vrijwilligers")
    SUPPORT = "support", _("hulp van de beroepskracht")


class Category(models.TextChoices):
    """Default categories; a district may narrow them (tailoring)."""

    MEETING = "meeting", _("ontmoeting")
    YOUTH = "youth", _("jeugd en jongeren")
    GREEN = "green", _("groen en buiten")
    CULTURE = "culture", _("cultuur")
    SPORT = "sport", _("sport en bewegen")
    CARE = "care", _("zorg voor elkaar")
    OTHER = "other", _("anders")


# The checklist that coaches the initiator once the council approves.
NEXT_STEPS = (
    _("Spreek met de beroepskracht een datum en een ruimte af"),
    _("Zoek mensen die willen helpen"),
    _("Vertel de buurt over uw initiatief"),
    _("Bewaar de bonnetjes van wat u uitgeeft"),
    _("Vertel de raad hoe het ging"),
)

# Actions of the activities policy asked here by their names: activities imports initiatives (an activity may
# come from one), never the other way round; the policy registry answers for both.
ACTIVITY_FROM_INITIATIVE = "activities.from_initiative"
ACTIVITY_VIEW = "activities.view"

RECEIPT_MAX_BYTES = 5 * 1024 * 1024
# Allowed receipt types, recognised by their first bytes (never by the name or the browser's word for it).
RECEIPT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


class MoveLabel:
    LABELS = {
        InitiativeStatus.APPROVED: _("Goedkeuren"),
        InitiativeStatus.DECLINED: _("Afwijzen"),
        InitiativeStatus.NEEDS_CHANGES: _("Vraag om aanpassingen"),
        InitiativeStatus.PROPOSED: _("Opnieuw indienen"),
        InitiativeStatus.DONE: _("Afronden"),
    }


@audit_actions
class AuditAction(models.TextChoices):
    PROPOSE = "initiatives.propose", _("initiatief ingediend")
    UPDATE = "initiatives.update", _("initiatief gewijzigd")
    BACK = "initiatives.back", _("initiatief gesteund")
    MILESTONE = "initiatives.milestone", _("stap van een initiatief afgevinkt")
    BUDGET_SAVE = "initiatives.budget_save", _("wijkbudget vastgesteld")
    GRANT = "initiatives.grant", _("geld toegekend uit het wijkbudget")
    RECEIPT = "initiatives.receipt", _("bonnetje geüpload")
    TAILOR = "initiatives.tailor", _("maatwerk voor initiatieven in de wijk gewijzigd")
