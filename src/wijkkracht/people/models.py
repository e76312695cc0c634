import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import validate_name, validate_phone

from .query import PersonQuerySet


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("telefoon")
    POST = "post", _("post")
    IN_PERSON = "in_person", _("langs in het wijkcentrum")


class Channel(models.TextChoices):
    ONLINE = "online", _("zelf, via de website")
    DESK = "desk", _("aan de balie")
    PHONE = "phone", _("via de telefoon")


class Person(models.Model):
    """A resident known to the platform. May have no account (phone or desk intake). Minimal data only."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("voornaam"), max_length=80, validators=[validate_name])
    last_name = models.CharField(_("achternaam"), max_length=120, blank=True, validators=[validate_name])
    birth_year = models.PositiveSmallIntegerField(
        _("geboortejaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Alleen het jaar; zo weten we de leeftijdsgroep."),
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("buurt"),
    )
    languages = models.CharField(
        _("talen"), max_length=120, blank=True, help_text=_("Talen die u spreekt, met komma's ertussen.")
    )
    contact_preference = models.CharField(
        _("contact liefst via"), max_length=16, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validate_phone])
    consent_contact = models.BooleanField(_("mag contact opnemen"), default=False)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    channel = models.CharField(_("ingeschreven"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingeschreven door"),
        help_text=_("De medewerker die de bewoner aan de balie of via de telefoon inschreef."),
    )
    synthetic = models.BooleanField(_("synthetisch"), default=False, help_text=_("Verzonnen demo-persoon."))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewoner")
        verbose_name_plural = _("bewoners")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]
