import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import text_limit, validate_name, validate_text

from .constants import MAX_HOURS_PER_WEEK, SLOTS, TagKind, VolunteerStatus
from .query import VolunteerQuerySet


def validate_slots(value) -> None:
    """The weekly availability grid: a list of known slots ("mon_morning"), each at most once."""
    if not isinstance(value, list) or any(v not in SLOTS for v in value) or len(set(value)) != len(value):
        raise ValidationError(_("Kies uw vaste momenten uit het weekrooster."), code="slots")


class Tag(models.Model):
    """A skill or interest volunteers choose from; administrators keep the list (configurable)."""

    kind = models.CharField(_("soort"), max_length=10, choices=TagKind.choices)
    name = models.CharField(_("naam"), max_length=60, validators=[validate_name])
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("vaardigheid of interesse")
        verbose_name_plural = _("vaardigheden en interesses")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                "kind",
                Lower("name"),
                name="volunteer_tag_unique_name",
                violation_error_message=_("Deze naam staat al in de lijst."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class StopReason(models.Model):
    """A reason for stopping, from a list administrators keep (the volunteer may add their own words)."""

    name = models.CharField(_("reden"), max_length=80, validators=[validate_name])
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("reden van afmelden")
        verbose_name_plural = _("redenen van afmelden")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="volunteer_stop_reason_unique_name",
                violation_error_message=_("Deze reden staat al in de lijst."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Volunteer(models.Model):
    """A resident (Person) who gives time. States: aanmelding → intake → actief → pauze → afgemeld; only the
    workflow (workflows.py) changes `status`. Belongs to centres and districts (who supports them); the
    profile says what they can, when and where."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="volunteer", verbose_name=_("bewoner")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=VolunteerStatus.choices, default=VolunteerStatus.REGISTERED
    )
    centres = models.ManyToManyField(
        "places.CommunityCentre", blank=True, related_name="volunteers", verbose_name=_("wijkcentra")
    )
    districts = models.ManyToManyField(
        "places.District", blank=True, related_name="volunteers", verbose_name=_("wijken")
    )
    work_districts = models.ManyToManyField(
        "places.District",
        blank=True,
        related_name="volunteers_willing",
        verbose_name=_("wil helpen in"),
    )
    skills = models.ManyToManyField(
        Tag,
        blank=True,
        related_name="skilled_volunteers",
        limit_choices_to={"kind": TagKind.SKILL},
        verbose_name=_("vaardigheden"),
    )
    interests = models.ManyToManyField(
        Tag,
        blank=True,
        related_name="interested_volunteers",
        limit_choices_to={"kind": TagKind.INTEREST},
        verbose_name=_("interesses"),
    )
    availability = models.JSONField(_("vaste momenten"), default=list, blank=True, validators=[validate_slots])
    languages = models.CharField(
        _("talen"),
        max_length=120,
        blank=True,
        validators=[validate_name],
        help_text=_("Talen waarin u vrijwilligerswerk kunt doen, met komma's ertussen."),
    )
    max_hours_per_week = models.PositiveSmallIntegerField(
        _("hoogstens uren per week"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    motivation = models.TextField(
        _("waarom wilt u vrijwilliger worden?"),
        blank=True,
        max_length=2000,
        validators=[validate_text, text_limit(2000)],
    )
    paused_until = models.DateField(_("pauze tot en met"), null=True, blank=True)
    stop_reason = models.ForeignKey(
        StopReason, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("reden")
    )
    stop_note = models.TextField(
        _("toelichting"), blank=True, max_length=1000, validators=[validate_text, text_limit(1000)]
    )
    registered_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")
        ordering = ["-registered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_hours_per_week__gte=1, max_hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="volunteer_max_hours_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=VolunteerStatus.PAUSED) | models.Q(paused_until__isnull=False),
                name="volunteer_pause_has_end",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=VolunteerStatus.STOPPED) | models.Q(stop_reason__isnull=False),
                name="volunteer_stop_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="volunteer_status")]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]


class AvailabilityException(models.Model):
    """A stretch of days on which the volunteer cannot help, whatever their weekly grid says."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("vrijwilliger")
    )
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"))
    note = models.CharField(_("opmerking"), max_length=120, blank=True, validators=[validate_name])

    class Meta:
        verbose_name = _("afwezigheid")
        verbose_name_plural = _("afwezigheden")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="volunteer_exception_ends_after_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"
