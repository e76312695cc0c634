"""Choices of the support app (demand-driven help). The transition map lives in workflows.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class RequestStatus(models.TextChoices):
    NEW = "new", _("nieuw")
    INTAKE = "intake", _("in gesprek")
    MATCHING = "matching", _("zoekt een helper")
    MATCHED = "matched", _("helper gevonden")
    IN_PROGRESS = "in_progress", _("hulp loopt")
    WAITING = "waiting", _("wacht op de bewoner")
    REOPENED = "reopened", _("heropend")
    CLOSED = "closed", _("afgesloten")


OPEN_STATUSES = frozenset(s for s in RequestStatus if s != RequestStatus.CLOSED)
# A resident may withdraw their own request until a helper has started.
WITHDRAWABLE = frozenset(
    {RequestStatus.NEW, RequestStatus.INTAKE, RequestStatus.MATCHING, RequestStatus.WAITING, RequestStatus.REOPENED}
)


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("geholpen")
    WITHDRAWN = "withdrawn", _("ingetrokken")
    REFERRED = "referred", _("doorverwezen")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PHONE = "phone", _("telefoon")
    DESK = "desk", _("balie")
    HOME_VISIT = "home_visit", _("huisbezoek")


# Channels a professional records when they take a request on a resident's behalf.
ON_BEHALF_CHANNELS = [(c.value, c.label) for c in (Channel.PHONE, Channel.DESK, Channel.HOME_VISIT)]


class Category(models.TextChoices):
    """Every known category. Which are offered, and in which order, is configurable
    (settings.WIJKKRACHT_SUPPORT_CATEGORIES)."""

    SHOPPING = "shopping", _("boodschappen")
    TRANSPORT = "transport", _("vervoer")
    COMPANY = "company", _("gezelschap")
    SMALL_JOBS = "small_jobs", _("klusjes")
    PAPERWORK = "paperwork", _("post en formulieren")
    DIGITAL = "digital", _("hulp met computer of telefoon")
    OTHER = "other", _("iets anders")


# What a category asks of a helper: the volunteers' skill names (volunteers migration 0002) that count for it.
CATEGORY_SKILLS: dict[str, tuple[str, ...]] = {
    "shopping": ("Autorijden", "Fietsen"),
    "transport": ("Autorijden",),
    "company": ("Gesprekken voeren",),
    "small_jobs": ("Klussen",),
    "paperwork": ("Administratie",),
    "digital": ("Computer en telefoon",),
    "other": (),
}


class MatchStatus(models.TextChoices):
    """A Match: a helper (volunteer) for a request. Proposed by the batch (waits for the professional), offered
    when the professional confirms it (waits for the helper), then accepted or declined by the helper."""

    PROPOSED = "proposed", _("voorstel")
    OFFERED = "offered", _("gevraagd aan de helper")
    ACCEPTED = "accepted", _("aangenomen")
    DECLINED = "declined", _("afgeslagen")
    CANCELLED = "cancelled", _("vervallen")


# A request has at most one of these at a time (a database constraint).
LIVE_MATCH = frozenset({MatchStatus.PROPOSED, MatchStatus.OFFERED, MatchStatus.ACCEPTED})
# What counts against a helper's capacity.
LOAD_MATCH = frozenset({MatchStatus.OFFERED, MatchStatus.ACCEPTED})


class Urgency(models.TextChoices):
    LOW = "low", _("het kan even wachten")
    NORMAL = "normal", _("deze week")
    HIGH = "high", _("vandaag of morgen")


class AccessPurpose(models.TextChoices):
    """Why someone opened a help request's personal data (the access log)."""

    HANDLING = "handling", _("behandeling van de vraag")
    OVERSIGHT = "oversight", _("toezicht als eigenaar")
    HELPING = "helping", _("de helper bij de vraag")


class Relation(models.TextChoices):
    FAMILY = "family", _("familie")
    FRIEND = "friend", _("vriend of vriendin")
    NEIGHBOUR = "neighbour", _("buur")
    OTHER = "other", _("iemand anders")


class ContactAnswer(models.TextChoices):
    NOT_ASKED = "not_asked", _("nog niet gevraagd")
    ASKED = "asked", _("gevraagd, nog geen antwoord")
    YES = "yes", _("wil helpen")
    NO = "no", _("kan niet helpen")


class Rung(models.TextChoices):
    """The ladder, in order: what is tried first comes first (Wmo: own strength before custom provisions)."""

    OWN_STRENGTH = "own_strength", _("eigen kracht")
    OWN_NETWORK = "own_network", _("eigen netwerk")
    NEIGHBOUR_VOLUNTEER = "neighbour_volunteer", _("buur of vrijwilliger")
    GENERAL_PROVISION = "general_provision", _("algemene voorziening")
    PROFESSIONAL = "professional", _("de beroepskracht")
    REFERRAL = "referral", _("doorverwijzing")


class RungResult(models.TextChoices):
    ENOUGH = "enough", _("dit lost het op")
    PARTLY = "partly", _("helpt een deel")
    NOT_POSSIBLE = "not_possible", _("lukt niet")


class ReferralTo(models.TextChoices):
    WMO_DESK = "wmo_desk", _("Wmo-loket van de gemeente")
    SOCIAL_TEAM = "social_team", _("sociaal wijkteam")
    OTHER_PARTNER = "other_partner", _("andere partner")


class EscalationReason(models.TextChoices):
    NO_OWNER = "no_owner", _("zonder eigenaar")
    INTAKE_OVERDUE = "intake_overdue", _("intake te laat")
    MATCH_OVERDUE = "match_overdue", _("nog geen helper, te laat")


# States in which the intake deadline counts, and in which the match deadline counts.
BEFORE_INTAKE = frozenset({RequestStatus.NEW})
BEFORE_MATCH = frozenset(
    {RequestStatus.NEW, RequestStatus.INTAKE, RequestStatus.MATCHING, RequestStatus.WAITING, RequestStatus.REOPENED}
)


ANONYMISED = "—"  # what an anonymised text field holds


class MoveLabel:
    """Button texts for the moves a professional makes."""

    LABELS = {
        RequestStatus.INTAKE: _("Begin het gesprek (intake)"),
        RequestStatus.MATCHING: _("Zoek een helper"),
        RequestStatus.MATCHED: _("Er is een helper"),
        RequestStatus.IN_PROGRESS: _("De hulp is begonnen"),
        RequestStatus.WAITING: _("Wacht op de bewoner"),
        RequestStatus.REOPENED: _("Heropen de vraag"),
        RequestStatus.CLOSED: _("Sluit de vraag af"),
    }


@audit_actions
class AuditAction(models.TextChoices):
    ASK = "support.request_ask", _("hulpvraag gesteld")
    ASK_ON_BEHALF = "support.request_ask_on_behalf", _("hulpvraag genoteerd namens een bewoner")
    STATUS = "support.request_status", _("status van een hulpvraag gewijzigd")
    CLOSE = "support.request_close", _("hulpvraag afgesloten")
    OWNER = "support.request_owner", _("eigenaar van een hulpvraag gewijzigd")
    INTAKE = "support.request_intake", _("intake van een hulpvraag vastgelegd")
    CONTACT_ADD = "support.network_contact_add", _("iemand uit het netwerk toegevoegd")
    CONTACT_ANSWER = "support.network_contact_answer", _("antwoord van iemand uit het netwerk vastgelegd")
    LADDER = "support.ladder_step", _("stap op de ladder vastgelegd")
    REFERRAL = "support.referral", _("doorverwijzing vastgelegd")
    ESCALATE = "support.request_escalate", _("hulpvraag op de escalatielijst gezet")
    FOLLOW_UP_PLAN = "support.follow_up_plan", _("nagesprek gepland")
    FOLLOW_UP_DONE = "support.follow_up_done", _("nagesprek gehouden")
    ANONYMISE = "support.request_anonymise", _("afgesloten hulpvraag geanonimiseerd")
    MATCH_PROPOSE = "support.match_propose", _("helper voorgesteld")
    MATCH_OFFER = "support.match_offer", _("helper gevraagd")
    MATCH_ACCEPT = "support.match_accept", _("helper heeft ja gezegd")
    MATCH_DECLINE = "support.match_decline", _("helper heeft nee gezegd")
    MATCH_CANCEL = "support.match_cancel", _("koppeling vervallen")


def offered_categories() -> list[tuple[str, str]]:
    """The categories residents choose from, in the configured order (settings.WIJKKRACHT_SUPPORT_CATEGORIES:
    a list of Category values; unknown values are ignored, an empty list offers all)."""
    from django.conf import settings

    labels = dict(Category.choices)
    chosen = [c for c in getattr(settings, "WIJKKRACHT_SUPPORT_CATEGORIES", []) if c in labels] or list(labels)
    return [(value, labels[value]) for value in chosen]


def support_setting(name: str) -> int:
    """A configurable number of the support app (settings.WIJKKRACHT_SUPPORT_<NAME>)."""
    from django.conf import settings

    return int(getattr(settings, f"WIJKKRACHT_SUPPORT_{name}"))
