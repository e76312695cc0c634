import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import text_limit, validate_name, validate_phone, validate_text

from .constants import AccessPurpose, ConcernStatus, Feedback, Priority, ReporterRole, StepKind, Topic
from .query import ConcernAccessQuerySet, ConcernQuerySet

DESCRIPTION_MAX = 2000


class Concern(models.Model):
    """A worry a resident, volunteer or partner raises about someone or something in the district (zorgsignaal).
    Its personal data (what, about whom, the reporter's phone, the triage) is seen by the professionals who work
    in the district; the reporter sees their own words, the state and the closing feedback, never what was done
    about the person. Every view of the personal data is written to ConcernAccess."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="concerns", verbose_name=_("wijk")
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", on_delete=models.PROTECT, related_name="concerns", verbose_name=_("buurt")
    )
    topic = models.CharField(_("waarover"), max_length=16, choices=Topic.choices)
    description = models.TextField(
        _("wat maakt u zich zorgen?"), validators=[validate_text, text_limit(DESCRIPTION_MAX)]
    )
    about_person = models.BooleanField(_("gaat over een persoon"), default=False)
    person_hint = models.CharField(
        _("over wie"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("Een naam of een adres, als de melder dat weet."),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_concerns",
        verbose_name=_("melder"),
    )
    reporter_role = models.CharField(_("gemeld als"), max_length=16, choices=ReporterRole.choices)
    reporter_phone = models.CharField(
        _("telefoon van de melder"), max_length=20, blank=True, validators=[validate_phone]
    )
    status = models.CharField(_("status"), max_length=16, choices=ConcernStatus.choices, default=ConcernStatus.NEW)
    priority = models.CharField(_("hoe dringend"), max_length=8, choices=Priority.choices, blank=True)
    triage_note = models.TextField(
        _("beoordeling"), blank=True, validators=[validate_text, text_limit(DESCRIPTION_MAX)]
    )
    triaged_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_concerns",
        verbose_name=_("eigenaar"),
    )
    feedback = models.CharField(_("bericht aan de melder"), max_length=16, choices=Feedback.choices, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    synthetic = models.BooleanField(_("synthetisch"), default=False, help_text=_("Verzonnen demo-melding."))

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("zorgsignaal")
        verbose_name_plural = _("zorgsignalen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ConcernStatus.CLOSED) | ~models.Q(feedback=""),
                name="concern_closed_has_feedback",
            ),
        ]
        indexes = [
            models.Index(fields=["district", "status", "created_at"], name="concern_queue"),
            models.Index(fields=["reporter", "created_at"], name="concern_reporter"),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.public_id)

    @property
    def url(self) -> str:
        return reverse("concerns:detail", args=[self.public_id])

    @property
    def is_open(self) -> bool:
        return self.status != ConcernStatus.CLOSED


class ConcernStep(models.Model):
    """What the professional did: contact made, a help request made, routed to a partner, the social district
    team or the municipality."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps", verbose_name=_("melding"))
    kind = models.CharField(_("actie"), max_length=16, choices=StepKind.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True, validators=[validate_name])
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    help_request = models.ForeignKey(
        "support.HelpRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hulpvraag"),
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("actie op een zorgsignaal")
        verbose_name_plural = _("acties op zorgsignalen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ConcernAccess(models.Model):
    """The access log (the same shape as support's RequestAccess): who opened a concern's personal data, when
    and why. Written by services.concern_view_record; never changed afterwards."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("melding"))
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("bekeken door")
    )
    purpose = models.CharField(_("waarom"), max_length=16, choices=AccessPurpose.choices)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    objects = ConcernAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage in een zorgsignaal")
        verbose_name_plural = _("inzage in zorgsignalen")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["concern", "at"], name="concern_access_when")]

    def __str__(self) -> str:
        return f"{self.concern_id}:{self.viewer_id}@{self.at:%Y-%m-%d %H:%M}"
