import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import text_limit, validate_name, validate_phone, validate_text

from .constants import (
    AccessPurpose,
    Category,
    Channel,
    ContactAnswer,
    EscalationReason,
    MatchStatus,
    Outcome,
    ReferralTo,
    Relation,
    RequestStatus,
    Rung,
    RungResult,
    Urgency,
)
from .query import FollowUpQuerySet, HelpRequestQuerySet, MatchQuerySet, RequestAccessQuerySet


def validate_slots(value) -> None:
    from django.core.exceptions import ValidationError

    from wijkkracht.volunteers.constants import SLOTS

    if not isinstance(value, list) or any(slot not in SLOTS for slot in value):
        raise ValidationError(_("Kies momenten uit de lijst."))


WHAT_MAX = 1000


class HelpRequest(models.Model):
    """A resident's request for help (hulpvraag): asked online, also without an account, or taken by a
    professional on their behalf. Its personal data (name, phone, what) is seen by the professionals of the
    district and the resident; every view by someone else is recorded in RequestAccess."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("wijk")
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("buurt")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("bewoner"),
        help_text=_("Alleen als de bewoner een account heeft."),
    )
    contact_name = models.CharField(_("naam"), max_length=120, validators=[validate_name])
    contact_phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validate_phone])
    channel = models.CharField(_("binnengekomen via"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    category = models.CharField(_("soort hulp"), max_length=16, choices=Category.choices)
    what = models.TextField(_("waarmee wilt u hulp?"), validators=[validate_text, text_limit(WHAT_MAX)])
    when = models.CharField(_("wanneer?"), max_length=200, blank=True, validators=[validate_name])
    urgency = models.CharField(_("hoe snel?"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    vulnerable = models.BooleanField(
        _("kwetsbare inwoner"),
        default=False,
        help_text=_("Strengere regels: alleen helpers met een VOG, en een nagesprek na het afsluiten."),
    )
    consent_share = models.BooleanField(
        _("toestemming om het nodige te delen"),
        default=False,
        help_text=_("De bewoner vindt het goed dat we alleen het nodige delen met wie gaat helpen."),
    )
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    underlying_need = models.TextField(
        _("vraag achter de vraag"),
        blank=True,
        validators=[validate_text, text_limit(2000)],
        help_text=_("Wat de bewoner echt nodig heeft, zoals u het in het gesprek hoorde."),
    )
    own_strength = models.TextField(
        _("eigen kracht"),
        blank=True,
        validators=[validate_text, text_limit(2000)],
        help_text=_("Wat de bewoner zelf kan."),
    )
    intake_at = models.DateTimeField(_("intake vastgelegd op"), null=True, blank=True)
    slots = models.JSONField(
        _("vaste momenten"),
        default=list,
        blank=True,
        validators=[validate_slots],
        help_text=_("Wanneer de hulp nodig is, per week: voor het zoeken van een helper."),
    )
    languages = models.CharField(
        _("talen"),
        max_length=120,
        blank=True,
        validators=[validate_name],
        help_text=_("In welke taal de bewoner geholpen wil worden, met komma's ertussen. Leeg: maakt niet uit."),
    )
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.NEW)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=Outcome.choices, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_help_requests",
        verbose_name=_("eigenaar"),
        help_text=_("De beroepskracht die ervoor zorgt dat deze vraag beantwoord wordt."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("genoteerd door"),
    )
    intake_due_at = models.DateTimeField(_("intake uiterlijk op"), null=True, blank=True)
    match_due_at = models.DateTimeField(_("helper gevonden uiterlijk op"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("op de escalatielijst sinds"), null=True, blank=True)
    escalation_reason = models.CharField(
        _("reden van escalatie"), max_length=16, choices=EscalationReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    synthetic = models.BooleanField(_("synthetisch"), default=False, help_text=_("Verzonnen demo-vraag."))

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=RequestStatus.CLOSED) | ~models.Q(outcome=""),
                name="help_request_closed_has_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["district", "status", "created_at"], name="help_request_queue"),
            models.Index(fields=["owner", "status"], name="help_request_owner"),
            models.Index(fields=["district", "intake_due_at"], name="help_request_intake_due"),
            models.Index(fields=["district", "match_due_at"], name="help_request_match_due"),
            models.Index(fields=["contact_phone"], name="help_request_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.public_id)

    @property
    def url(self) -> str:
        return reverse("support:detail", args=[self.public_id])

    @property
    def is_open(self) -> bool:
        return self.status != RequestStatus.CLOSED


class RequestAccess(models.Model):
    """The access log: who opened a help request's personal data, when and why. Written by
    services.help_request_view_record; never changed afterwards."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("hulpvraag")
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("bekeken door")
    )
    purpose = models.CharField(_("waarom"), max_length=16, choices=AccessPurpose.choices)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    objects = RequestAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage in een hulpvraag")
        verbose_name_plural = _("inzage in hulpvragen")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["help_request", "at"], name="request_access_when")]

    def __str__(self) -> str:
        return f"{self.help_request_id}:{self.viewer_id}@{self.at:%Y-%m-%d %H:%M}"


class NetworkContact(models.Model):
    """Someone in the resident's own network (family, friends, neighbours) who might help. Added only with the
    resident's consent; the contact's own consent to be asked is recorded when they are asked."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="network", verbose_name=_("hulpvraag")
    )
    name = models.CharField(_("naam"), max_length=120, validators=[validate_name])
    relation = models.CharField(_("wie is het?"), max_length=16, choices=Relation.choices)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validate_phone])
    could_help_with = models.CharField(
        _("kan misschien helpen met"), max_length=200, blank=True, validators=[validate_name]
    )
    consent_at = models.DateTimeField(_("toestemming van de bewoner op"))
    answer = models.CharField(
        _("antwoord"), max_length=16, choices=ContactAnswer.choices, default=ContactAnswer.NOT_ASKED
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("iemand uit het netwerk")
        verbose_name_plural = _("netwerk")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_relation_display()} ({self.public_id})"


class LadderStep(models.Model):
    """One rung of the ladder tried for a request, with what came of it: own strength, own network, a neighbour or
    volunteer, a general provision, the professional, a referral. The ladder is explicit in the data."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="ladder", verbose_name=_("hulpvraag")
    )
    rung = models.CharField(_("trede"), max_length=24, choices=Rung.choices)
    result = models.CharField(_("uitkomst"), max_length=16, choices=RungResult.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True, validators=[validate_name])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("stap op de ladder")
        verbose_name_plural = _("ladder")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_rung_display()}: {self.get_result_display()}"


class Referral(models.Model):
    """A referral to the municipality's Wmo desk or the social district team: when, to whom, why. Never the
    assessment itself (the kitchen-table conversation happens outside the platform)."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("hulpvraag")
    )
    to = models.CharField(_("naar"), max_length=16, choices=ReferralTo.choices)
    reason = models.TextField(_("waarom"), validators=[validate_text, text_limit(1000)])
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    referred_at = models.DateTimeField(_("doorverwezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["referred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_to_display()} ({self.referred_at:%Y-%m-%d})" if self.referred_at else self.get_to_display()


class FollowUp(models.Model):
    """A check-in with a vulnerable resident some weeks after their request closed (the safety net)."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("hulpvraag")
    )
    due_on = models.DateField(_("nagesprek op"))
    done_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("hoe gaat het?"), max_length=300, blank=True, validators=[validate_name])

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("nagesprek")
        verbose_name_plural = _("nagesprekken")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "done_at"], name="follow_up_due")]

    def __str__(self) -> str:
        return f"{self.help_request_id}@{self.due_on}"


class Match(models.Model):
    """A helper (a volunteer) for a help request. The batch proposes (waits for the professional); the
    professional offers (waits for the helper); the helper accepts or declines. A request has at most one live
    match (proposed, offered or accepted) at a time: a database constraint, so two professionals matching the
    same request at once cannot both win. `parts` and `distance_m` are the matching engine's reasons, kept as
    they were when the match was made."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="matches", verbose_name=_("hulpvraag")
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.PROTECT, related_name="help_matches", verbose_name=_("helper")
    )
    status = models.CharField(_("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.OFFERED)
    score = models.FloatField(_("score"), default=0)
    distance_m = models.FloatField(_("afstand (m)"), null=True, blank=True)
    parts = models.JSONField(_("onderdelen van de score"), default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    offered_at = models.DateTimeField(_("gevraagd op"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["help_request"],
                condition=models.Q(status__in=["proposed", "offered", "accepted"]),
                name="match_one_live_per_request",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "status"], name="match_volunteer_status"),
            models.Index(fields=["updated_at"], name="match_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.help_request_id}→{self.volunteer_id} ({self.status})"
