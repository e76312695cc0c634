from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import TEXT_MAX, text_limit, validate_name, validate_phone, validate_text

from .constants import AccessibilityStatus

TEXT = {"max_length": TEXT_MAX, "validators": [text_limit(TEXT_MAX), validate_text]}


class SiteInformation(models.Model):
    """What a municipality's site says about reaching a person, privacy, accessibility and who runs it.

    One per municipality; an administrator keeps it in the admin. Every page shows the phone number in its
    footer; the contact, privacy, accessibility and colophon pages are built from these fields."""

    municipality = models.OneToOneField(
        "places.Municipality", on_delete=models.CASCADE, related_name="site_information", verbose_name=_("gemeente")
    )
    # Contact: a person within reach.
    contact_name = models.CharField(
        _("wie neemt de telefoon op"),
        max_length=160,
        help_text=_("Bijvoorbeeld: Participe Amstelland of Gemeente Amstelveen."),
        validators=[validate_name],
    )
    contact_phone = models.CharField(_("telefoonnummer"), max_length=20, validators=[validate_phone])
    contact_phone_hours = models.CharField(
        _("wanneer bereikbaar"),
        max_length=200,
        help_text=_("In gewone taal, bijvoorbeeld: maandag tot en met vrijdag, van 9.00 tot 17.00 uur."),
        validators=[validate_name],
    )
    contact_visit_hours = models.CharField(
        _("wanneer kunt u langskomen"),
        max_length=200,
        blank=True,
        help_text=_(
            "Staat onder elke pagina, in gewone taal. Bijvoorbeeld: de wijkcentra zijn op werkdagen open van "
            "9.00 tot 17.00 uur."
        ),
        validators=[validate_name],
    )
    contact_email = models.EmailField(_("e-mailadres voor vragen"), blank=True)
    contact_extra = models.TextField(
        _("extra uitleg bij contact"),
        blank=True,
        help_text=_("Bijvoorbeeld over een inloopspreekuur."),
        **TEXT,
    )
    # Privacy statement.
    controller_name = models.CharField(
        _("verantwoordelijk voor de gegevens"),
        max_length=200,
        help_text=_("De verwerkingsverantwoordelijke, bijvoorbeeld: Gemeente Amstelveen."),
        validators=[validate_name],
    )
    privacy_email = models.EmailField(_("e-mailadres voor privacyvragen"))
    privacy_officer = models.CharField(
        _("functionaris gegevensbescherming"),
        max_length=200,
        blank=True,
        help_text=_("Naam of functie en hoe u deze persoon bereikt."),
        validators=[validate_name],
    )
    privacy_extra = models.TextField(_("extra tekst privacyverklaring"), blank=True, **TEXT)
    # Accessibility statement (Dutch model).
    accessibility_status = models.CharField(
        _("status toegankelijkheid"), max_length=1, choices=AccessibilityStatus.choices, default=AccessibilityStatus.C
    )
    accessibility_tested_on = models.DateField(_("laatst onderzocht op"), null=True, blank=True)
    accessibility_tested_by = models.CharField(
        _("onderzocht door"),
        max_length=200,
        blank=True,
        help_text=_("Wie het onderzoek deed, en hoe."),
        validators=[validate_name],
    )
    accessibility_report_url = models.URLField(_("link naar het onderzoeksrapport"), blank=True)
    accessibility_known_issues = models.TextField(
        _("bekende problemen"),
        blank=True,
        help_text=_("Eén probleem per regel, in gewone taal."),
        **TEXT,
    )
    accessibility_email = models.EmailField(_("e-mailadres voor toegankelijkheid"))
    statement_date = models.DateField(_("datum van de verklaringen"))
    # Colophon.
    operator_name = models.CharField(
        _("wie beheert de site"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Gemeente Amstelveen met Participe."),
        validators=[validate_name],
    )
    operator_address = models.CharField(
        _("adres van de beheerder"), max_length=200, blank=True, validators=[validate_name]
    )
    colophon_extra = models.TextField(_("extra tekst colofon"), blank=True, **TEXT)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("contact en verklaringen")
        verbose_name_plural = _("contact en verklaringen")

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def known_issues(self) -> list[str]:
        return [line.strip() for line in self.accessibility_known_issues.splitlines() if line.strip()]

    @property
    def phone_href(self) -> str:
        """tel: link: digits and a leading + only (020 540 49 11 -> tel:0205404911)."""
        digits = "".join(c for c in self.contact_phone if c.isdigit() or c == "+")
        return f"tel:{digits}"
