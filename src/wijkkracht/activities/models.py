"""Centre life: activities, their sessions (one per occurrence) and the categories a district uses."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import TEXT_MAX, text_limit, validate_name, validate_phone, validate_text

from .constants import (
    AGE_FIELDS,
    ActivityStatus,
    AgeBand,
    BookingKind,
    BookingStatus,
    OrganiserKind,
    RegistrationStatus,
    SessionStatus,
)
from .query import ActivityQuerySet, BookingQuerySet, CategoryQuerySet, RegistrationQuerySet, SessionQuerySet


def validate_exdates(value) -> None:
    """Exceptions: a list of distinct ISO dates (YYYY-MM-DD)."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    message = _("Uitzonderingen zijn datums als 2026-12-24, elk één keer.")
    if not isinstance(value, list) or len(set(value)) != len(value):
        raise ValidationError(message, code="exdates")
    for item in value:
        try:
            dt.date.fromisoformat(item)
        except (TypeError, ValueError):
            raise ValidationError(message, code="exdates") from None


class Category(models.Model):
    """A kind of activity (taal, bewegen, ontmoeten, ...). Without districts it is offered everywhere; with
    districts only there (each district chooses its own list: tailoring per district)."""

    name = models.CharField(_("naam"), max_length=80, validators=[validate_name])
    slug = models.SlugField(_("webadres"), max_length=80, unique=True)
    districts = models.ManyToManyField(
        "places.District",
        blank=True,
        related_name="activity_categories",
        verbose_name=_("wijken"),
        help_text=_("Leeg: in alle wijken."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("soort activiteit")
        verbose_name_plural = _("soorten activiteiten")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """Something to do: at a centre or elsewhere in a district, once or on a recurring schedule (RFC 5545)."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("naam"), max_length=160, validators=[validate_name])
    description = models.TextField(
        _("wat gaan we doen?"),
        max_length=TEXT_MAX,
        validators=[validate_text, text_limit(TEXT_MAX)],
        help_text=_("In gewone taal: wat gebeurt er, wat neemt u mee, moet u iets kunnen?"),
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="activities", verbose_name=_("soort"))
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="activities", verbose_name=_("wijk")
    )
    centre = models.ForeignKey(
        "places.CommunityCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("wijkcentrum"),
        help_text=_("Leeg als de activiteit ergens anders in de wijk is."),
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("buurt"),
    )
    location = models.CharField(
        _("waar precies"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("Bijvoorbeeld: de grote zaal, of het speelveld aan de Kastanjelaan."),
    )
    organiser_kind = models.CharField(
        _("wie organiseert"), max_length=16, choices=OrganiserKind.choices, default=OrganiserKind.CENTRE
    )
    organiser_name = models.CharField(
        _("naam van de organisator"),
        max_length=160,
        blank=True,
        validators=[validate_name],
        help_text=_("Bijvoorbeeld: vrijwilligers van het repair café."),
    )
    partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("partnerorganisatie"),
    )
    age_0_15 = models.BooleanField(AgeBand.AGE_0_15.label, default=False)
    age_15_25 = models.BooleanField(AgeBand.AGE_15_25.label, default=False)
    age_25_45 = models.BooleanField(AgeBand.AGE_25_45.label, default=False)
    age_45_65 = models.BooleanField(AgeBand.AGE_45_65.label, default=False)
    age_65_plus = models.BooleanField(AgeBand.AGE_65_PLUS.label, default=False)
    price = models.DecimalField(
        _("prijs (euro)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 is gratis."),
    )
    price_note = models.CharField(
        _("toelichting op de prijs"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("Bijvoorbeeld: met Amstelveenpas de helft."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leeg: vrije inloop, aanmelden hoeft niet. Met een aantal: aanmelden, met een wachtlijst."),
    )
    wheelchair_accessible = models.BooleanField(_("toegankelijk met rolstoel"), default=False)
    accessibility = models.TextField(
        _("toegankelijkheid"),
        blank=True,
        max_length=TEXT_MAX,
        validators=[validate_text, text_limit(TEXT_MAX)],
        help_text=_("Bijvoorbeeld: ringleiding, lift, invalidenparkeerplaats, prikkelarm."),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("bewonersinitiatief"),
    )
    plan_goals = models.ManyToManyField(
        "councils.PlanGoal", blank=True, related_name="activities", verbose_name=_("doelen uit het plan")
    )
    starts_on = models.DateField(_("eerste keer"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    rrule = models.CharField(
        _("herhaalregel"),
        max_length=300,
        blank=True,
        help_text=_("Een herhaalregel volgens RFC 5545, bijvoorbeeld FREQ=WEEKLY;BYDAY=WE. Leeg: één keer."),
    )
    exdates = models.JSONField(
        _("uitzonderingen"),
        default=list,
        blank=True,
        validators=[validate_exdates],
        help_text=_("Datums waarop de activiteit niet doorgaat."),
    )
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT)
    synthetic = models.BooleanField(_("synthetisch"), default=False, help_text=_("Verzonnen voor de demo."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="activity_ends_after_start"),
            models.CheckConstraint(condition=Q(price__gte=0), name="activity_price_not_negative"),
        ]
        indexes = [models.Index(fields=["district", "status"], name="activity_district_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return reverse("activities:activity", args=[self.public_id])

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def age_bands(self) -> list[str]:
        return [band for band, name in AGE_FIELDS.items() if getattr(self, name)]

    def age_band_labels(self) -> list[str]:
        labels = dict(AgeBand.choices)
        return [str(labels[band]) for band in self.age_bands]

    @property
    def for_young_people(self) -> bool:
        return self.age_15_25


class Session(models.Model):
    """One occurrence of an activity (bijeenkomst), made ahead by activities.services.sessions_generate.

    `date` is the local date the schedule gives it (its RECURRENCE-ID); the pair (activity, date) is unique, so
    making sessions twice makes them once. Other apps (volunteer shifts, registrations, attendance) point here."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("activiteit")
    )
    date = models.DateField(_("datum"))
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    attendance_reminded_at = models.DateTimeField(
        _("herinnerd aan presentie"),
        null=True,
        blank=True,
        help_text=_("De beroepskracht is gevraagd de presentie in te vullen."),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "date"],
                name="session_once_per_activity_date",
                violation_error_message=_("Deze activiteit heeft op deze dag al een bijeenkomst."),
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]
        indexes = [models.Index(fields=["starts_at"], name="session_starts_at")]

    def __str__(self) -> str:
        return f"{self.activity} {self.date:%Y-%m-%d}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class Registration(models.Model):
    """A sign-up for one session (aanmelding). When the session is full it goes on the waiting list; when a place
    frees up, the first on the list moves up (activities.services.registration_cancel). A resident with an
    account signs up as their Person; someone who phones or walks in is signed up by the professional with a
    name and a phone number (no account needed). Never two live sign-ups of one person for one session."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("bijeenkomst")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("bewoner"),
    )
    name = models.CharField(
        _("naam"),
        max_length=120,
        blank=True,
        validators=[validate_name],
        help_text=_("Als de bewoner geen account heeft."),
    )
    phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validate_phone])
    birth_year = models.PositiveSmallIntegerField(
        _("geboortejaar"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemeld door"),
    )
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    reminded_at = models.DateTimeField(_("herinnering verstuurd"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(person__isnull=False) & ~Q(status=RegistrationStatus.CANCELLED),
                name="registration_once_per_person",
                violation_error_message=_("U bent al aangemeld voor deze bijeenkomst."),
            ),
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=~Q(phone="") & ~Q(status=RegistrationStatus.CANCELLED),
                name="registration_once_per_phone",
                violation_error_message=_("Iemand met dit telefoonnummer is al aangemeld."),
            ),
            models.CheckConstraint(condition=Q(person__isnull=False) | ~Q(name=""), name="registration_has_someone"),
        ]
        indexes = [models.Index(fields=["session", "status"], name="registration_session_status")]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.public_id}"


class Attendance(models.Model):
    """A named check-in (presentie): someone who came to a session. From a sign-up, a resident's Person, or
    a name written down at the door. The birth year (when known) lets reach be counted per age band."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("bijeenkomst")
    )
    registration = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("aanmelding"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("bewoner"),
    )
    name = models.CharField(_("naam"), max_length=120, blank=True, validators=[validate_name])
    birth_year = models.PositiveSmallIntegerField(
        _("geboortejaar"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_in_at = models.DateTimeField(_("aangemeld bij binnenkomst"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        ordering = ["checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(person__isnull=False),
                name="attendance_once_per_person",
                violation_error_message=_("Deze bewoner is al aanwezig gemeld."),
            ),
            models.CheckConstraint(condition=Q(person__isnull=False) | ~Q(name=""), name="attendance_has_someone"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.public_id}"


class HeadCount(models.Model):
    """Turven: an anonymous count of visitors of a session per age band, new or returning. Visits, not people:
    head counts cannot be de-duplicated, so reach shows them apart from named attendance."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="head_counts", verbose_name=_("bijeenkomst")
    )
    age_band = models.CharField(_("leeftijdsgroep"), max_length=8, choices=AgeBand.choices)
    new = models.PositiveSmallIntegerField(_("nieuw"), default=0)
    returning = models.PositiveSmallIntegerField(_("vaker geweest"), default=0)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    counted_at = models.DateTimeField(_("geteld op"), auto_now=True)

    class Meta:
        verbose_name = _("turving")
        verbose_name_plural = _("turvingen")
        ordering = ["session", "age_band"]
        constraints = [
            models.UniqueConstraint(fields=["session", "age_band"], name="headcount_once_per_band"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.age_band}"

    @property
    def total(self) -> int:
        return self.new + self.returning


class RoomBooking(models.Model):
    """A room of a community centre booked for a time (zaalboeking): by a session of an activity, a group of
    residents or an outside hirer. Made and cancelled only through activities.services.booking_create and
    booking_cancel, which lock the room so that two live bookings of one room never overlap, keep bookings inside
    the centre's opening hours and refuse a room too small for the people expected."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    room = models.ForeignKey("places.Room", on_delete=models.PROTECT, related_name="bookings", verbose_name=_("zaal"))
    kind = models.CharField(_("voor wie"), max_length=16, choices=BookingKind.choices)
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("bijeenkomst"),
    )
    holder = models.CharField(
        _("naam van de groep of huurder"),
        max_length=160,
        blank=True,
        validators=[validate_name],
        help_text=_("Bijvoorbeeld: Buurtvereniging De Linde, of Yogaschool Amstel."),
    )
    attendees = models.PositiveSmallIntegerField(
        _("aantal personen"), validators=[MinValueValidator(1)], help_text=_("Hoeveel mensen er ongeveer komen.")
    )
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    status = models.CharField(_("status"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    note = models.CharField(_("opmerking"), max_length=200, blank=True, validators=[validate_name])
    synthetic = models.BooleanField(_("synthetisch"), default=False, help_text=_("Verzonnen voor de demo."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("geboekt op"), auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("zaalboeking")
        verbose_name_plural = _("zaalboekingen")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"),
            models.CheckConstraint(
                condition=(Q(kind=BookingKind.SESSION) & Q(session__isnull=False))
                | (~Q(kind=BookingKind.SESSION) & Q(session__isnull=True) & ~Q(holder="")),
                name="booking_has_a_session_or_a_holder",
            ),
        ]
        indexes = [models.Index(fields=["room", "status", "starts_at"], name="booking_room_status_start")]

    def __str__(self) -> str:
        return f"{self.room_id}:{self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == BookingStatus.CANCELLED

    def describe(self) -> str:
        """Who has the room: the activity of the session, or the group or hirer."""
        if self.session_id is not None:
            return self.session.activity.title
        return self.holder


class ReachedPerson(models.Model):
    """One different person reached in a district in a year (kept by activities.reach, never by hand). `key` is a
    hash of who it is; `attendances` how many check-ins reached them, so an undo knows when they were the last."""

    district = models.ForeignKey("places.District", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=64)
    band = models.CharField(max_length=8)
    policy = models.BooleanField(default=False)
    neighbourhood_code = models.CharField(max_length=10, blank=True)
    attendances = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("bereikte persoon")
        verbose_name_plural = _("bereikte personen")
        constraints = [models.UniqueConstraint(fields=["district", "year", "key"], name="reached_once_per_year")]

    def __str__(self) -> str:
        return f"{self.district_id}:{self.year}:{self.key[:8]}"


class ReachCount(models.Model):
    """The reach page's numbers, kept exact by activities.reach: per district, year, neighbourhood (blank: not
    known, or visits) and band (a CBS band, 15_55 or unknown) the different people reached and the visits."""

    district = models.ForeignKey("places.District", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    neighbourhood_code = models.CharField(max_length=10, blank=True)
    band = models.CharField(max_length=8)
    people = models.IntegerField(default=0)
    visits = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("bereik (geteld)")
        verbose_name_plural = _("bereik (geteld)")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year", "neighbourhood_code", "band"], name="reach_count_once_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district_id}:{self.year}:{self.neighbourhood_code}:{self.band}"
