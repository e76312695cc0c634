import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import text_limit, validate_name, validate_phone, validate_text

from ..constants import (
    MAX_HOURS_PER_WEEK,
    SLOTS,
    ApplicationChannel,
    ApplicationStatus,
    AttentionReason,
    CertificateKind,
    HoursStatus,
    TagKind,
    VacancyPlace,
    VacancyStatus,
    VolunteerStatus,
)
from ..query import (
    ApplicationQuerySet,
    AttentionQuerySet,
    CertificateQuerySet,
    HoursQuerySet,
    VacancyQuerySet,
    VolunteerQuerySet,
)


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
    guardian_name = models.CharField(
        _("naam van ouder of voogd"),
        max_length=120,
        blank=True,
        validators=[validate_name],
        help_text=_("Voor vrijwilligers jonger dan 18: wie gaf toestemming."),
    )
    guardian_consent_on = models.DateField(_("toestemming van ouder of voogd op"), null=True, blank=True)
    guardian_consent_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toestemming vastgelegd door"),
    )
    messages_opt_out = models.BooleanField(
        _("geen groepsberichten"),
        default=False,
        help_text=_("Geen berichten aan alle vrijwilligers van een vacature, activiteit of wijk."),
    )
    feed_token = models.CharField(
        _("geheime agendalink"), max_length=64, null=True, blank=True, unique=True, editable=False
    )
    activated_on = models.DateField(
        _("actief sinds"), null=True, blank=True, help_text=_("De eerste dag als actieve vrijwilliger.")
    )
    stopped_on = models.DateField(_("afgemeld op"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=models.Q(guardian_consent_on__isnull=True) | ~models.Q(guardian_name=""),
                name="volunteer_consent_names_guardian",
                violation_error_message=_("Noem de ouder of voogd die toestemming gaf."),
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="volunteer_status"),
            models.Index(fields=["activated_on"], name="volunteer_activated_on"),
            models.Index(fields=["updated_at"], name="volunteer_updated_at"),
        ]

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


class Vacancy(models.Model):
    """A volunteer role (vacature) at an activity, a centre, a district or the help service: what it asks, when,
    how many hours and how many places. Open vacancies are on the public board."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=120, validators=[validate_name])
    description = models.TextField(_("wat ga je doen?"), max_length=4000, validators=[validate_text, text_limit(4000)])
    place = models.CharField(_("waar"), max_length=16, choices=VacancyPlace.choices, default=VacancyPlace.CENTRE)
    activity_name = models.CharField(
        _("activiteit"),
        max_length=120,
        blank=True,
        validators=[validate_name],
        help_text=_("Bij welke activiteit, bijvoorbeeld: taalcafé op dinsdag."),
    )
    centre = models.ForeignKey(
        "places.CommunityCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("wijkcentrum"),
    )
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("wijk")
    )
    skills = models.ManyToManyField(
        Tag,
        blank=True,
        related_name="vacancies",
        limit_choices_to={"kind": TagKind.SKILL},
        verbose_name=_("gevraagde vaardigheden"),
    )
    requirements = models.CharField(
        _("wat vragen we nog meer?"), max_length=300, blank=True, validators=[validate_name]
    )
    vog_required = models.BooleanField(
        _("VOG nodig"), default=False, help_text=_("Voor werk met kwetsbare mensen of kinderen.")
    )
    slots = models.JSONField(_("wanneer"), default=list, blank=True, validators=[validate_slots])
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), default=2, validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)]
    )
    places = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    status = models.CharField(_("status"), max_length=8, choices=VacancyStatus.choices, default=VacancyStatus.OPEN)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="vacancy_places_positive"),
            models.CheckConstraint(condition=models.Q(hours_per_week__gte=1), name="vacancy_hours_positive"),
        ]
        indexes = [models.Index(fields=["status", "district"], name="vacancy_status_district")]

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return reverse("volunteers:vacancy", args=[self.public_id])

    def clean(self) -> None:
        if self.centre_id is not None and self.district_id is not None and self.centre.district_id != self.district_id:
            raise ValidationError({"centre": _("Dit wijkcentrum ligt niet in de gekozen wijk.")})
        if self.place in (VacancyPlace.CENTRE, VacancyPlace.ACTIVITY) and self.centre_id is None:
            raise ValidationError({"centre": _("Kies het wijkcentrum.")})
        if self.place == VacancyPlace.ACTIVITY and not self.activity_name.strip():
            raise ValidationError({"activity_name": _("Noem de activiteit.")})


class Application(models.Model):
    """A reaction to a vacancy: from a resident with an account, or from someone without one (a name and a phone
    number or e-mail address are enough), or taken by phone by a professional. The professional accepts or
    declines (workflow); an accepted application gives the volunteer the role."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="applications", verbose_name=_("vacature")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_applications",
        verbose_name=_("bewoner"),
    )
    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("vrijwilliger"),
    )
    name = models.CharField(_("naam"), max_length=120, validators=[validate_name])
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validate_phone])
    message = models.TextField(_("bericht"), blank=True, max_length=2000, validators=[validate_text, text_limit(2000)])
    channel = models.CharField(
        _("hoe"), max_length=8, choices=ApplicationChannel.choices, default=ApplicationChannel.WEB
    )
    entered_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie op vacature")
        verbose_name_plural = _("reacties op vacatures")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="") | ~models.Q(phone=""),
                name="application_has_contact",
                violation_error_message=_(
                    "Geef een telefoonnummer of e-mailadres, zodat we u kunnen bellen of mailen."
                ),
            ),
            models.UniqueConstraint(
                fields=["vacancy", "person"],
                condition=models.Q(status__in=["submitted", "accepted"], person__isnull=False),
                name="application_once_per_person",
                violation_error_message=_("U hebt al gereageerd op deze vacature."),
            ),
        ]
        indexes = [
            models.Index(fields=["vacancy", "status"], name="application_vacancy_status"),
            models.Index(fields=["updated_at"], name="application_updated_at"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.vacancy}"


class Certificate(models.Model):
    """A VOG (with its issue date; valid for a configurable number of years) or a training a volunteer did."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("vrijwilliger")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=CertificateKind.choices, default=CertificateKind.VOG)
    name = models.CharField(_("naam van de training"), max_length=120, blank=True, validators=[validate_name])
    issued_on = models.DateField(_("datum van afgifte"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("herinnering verstuurd"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="training") | ~models.Q(name=""),
                name="certificate_training_has_name",
                violation_error_message=_("Noem de training."),
            )
        ]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class HoursEntry(models.Model):
    """Hours a volunteer gave on one day, logged by themselves; a professional approves or declines them (with
    a reason, workflow). Totals count approved hours only."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="hours", verbose_name=_("vrijwilliger")
    )
    date = models.DateField(_("datum"))
    hours = models.DecimalField(
        _("uren"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    centre = models.ForeignKey(
        "places.CommunityCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_hours",
        verbose_name=_("wijkcentrum"),
    )
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="volunteer_hours", verbose_name=_("wijk")
    )
    description = models.CharField(_("wat hebt u gedaan?"), max_length=200, validators=[validate_name])
    shift = models.ForeignKey(
        "volunteers.Shift",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours_entries",
        verbose_name=_("dienst"),
    )
    status = models.CharField(_("status"), max_length=10, choices=HoursStatus.choices, default=HoursStatus.SUBMITTED)
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = HoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("uren")
        verbose_name_plural = _("uren")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=24),
                name="hours_entry_hours_in_a_day",
                violation_error_message=_("Schrijf tussen een kwartier en 24 uur per dag."),
            )
        ]
        indexes = [
            models.Index(fields=["volunteer", "date"], name="hours_volunteer_date"),
            models.Index(fields=["status", "date"], name="hours_status_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.hours}"


class Attention(models.Model):
    """A volunteer who needs attention, and why: kept up to date by the daily retention job (since = the first
    day it was seen). The professionals of the volunteer's centres and districts see the list."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="attention", verbose_name=_("vrijwilliger")
    )
    reason = models.CharField(_("reden"), max_length=16, choices=AttentionReason.choices)
    detail = models.CharField(_("toelichting"), max_length=200, blank=True)
    since = models.DateField(_("sinds"))

    objects = AttentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("aandacht nodig")
        verbose_name_plural = _("aandacht nodig")
        ordering = ["since", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "reason"], name="attention_once_per_reason"),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()
