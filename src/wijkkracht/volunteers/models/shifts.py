"""Shifts (diensten) and stand-ins, recognition milestones and messages to groups of volunteers."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import text_limit, validate_name, validate_text

from ..constants import Audience, MilestoneKind, StandInStatus
from ..query import MessageQuerySet, ShiftQuerySet, StandInQuerySet


class Shift(models.Model):
    """One turn a volunteer works: at a session of an activity (activities.Session), or a slot of its own at a
    centre or in a district (`series` ties the weeks of a recurring slot together). Without a volunteer the
    shift is open: a volunteer of the centre (or district) may take it."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("wat"), max_length=120, validators=[validate_name])
    session = models.ForeignKey(
        "activities.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="volunteer_shifts",
        verbose_name=_("bijeenkomst"),
    )
    centre = models.ForeignKey(
        "places.CommunityCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_shifts",
        verbose_name=_("wijkcentrum"),
    )
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="volunteer_shifts", verbose_name=_("wijk")
    )
    series = models.UUIDField(_("reeks"), null=True, blank=True, editable=False)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shifts",
        verbose_name=_("vrijwilliger"),
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="shift_ends_after_start",
                violation_error_message=_("De dienst eindigt na het begin."),
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "starts_at"], name="shift_volunteer_start"),
            models.Index(fields=["centre", "starts_at"], name="shift_centre_start"),
            models.Index(fields=["district", "starts_at"], name="shift_district_start"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> float:
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 2)


class StandIn(models.Model):
    """A volunteer who cannot come asks for a stand-in (invaller): the other volunteers of the shift's centre
    (or district) are asked, and the first who takes it gets the shift. States through the workflow."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="stand_ins", verbose_name=_("dienst"))
    asked_by = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="+", verbose_name=_("gevraagd door")
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True, validators=[validate_name])
    status = models.CharField(_("status"), max_length=10, choices=StandInStatus.choices, default=StandInStatus.OPEN)
    taken_by = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("overgenomen door"),
    )
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = StandInQuerySet.as_manager()

    class Meta:
        verbose_name = _("invalverzoek")
        verbose_name_plural = _("invalverzoeken")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift"],
                condition=models.Q(status="open"),
                name="stand_in_one_open_per_shift",
                violation_error_message=_("Voor deze dienst is al een invaller gevraagd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shift} ({self.get_status_display()})"


class Recognition(models.Model):
    """A milestone a volunteer reached (years of service, hours given), found by the daily recognition job."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="recognitions", verbose_name=_("vrijwilliger")
    )
    kind = models.CharField(_("soort"), max_length=8, choices=MilestoneKind.choices)
    value = models.PositiveIntegerField(_("mijlpaal"))
    reached_on = models.DateField(_("bereikt op"))

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["-reached_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "kind", "value"], name="recognition_once"),
        ]
        indexes = [models.Index(fields=["reached_on"], name="recognition_reached")]

    def __str__(self) -> str:
        return f"{self.value} {self.get_kind_display()}"


class Message(models.Model):
    """A message a professional sent to all volunteers of a vacancy, an activity or a district: e-mailed (through
    the outbox) and kept here, so the volunteers read it on their own page too. Volunteers who chose no group
    messages are left out (`skipped` counts them)."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    audience = models.CharField(_("aan"), max_length=10, choices=Audience.choices)
    vacancy = models.ForeignKey(
        "volunteers.Vacancy", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="volunteer_messages", verbose_name=_("wijk")
    )
    subject = models.CharField(_("onderwerp"), max_length=150, validators=[validate_name])
    body = models.TextField(_("bericht"), max_length=4000, validators=[validate_text, text_limit(4000)])
    recipients = models.ManyToManyField(
        "volunteers.Volunteer", related_name="messages", blank=True, verbose_name=_("ontvangers")
    )
    skipped = models.PositiveIntegerField(_("wil geen groepsberichten"), default=0)
    sent_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht aan vrijwilligers")
        verbose_name_plural = _("berichten aan vrijwilligers")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
