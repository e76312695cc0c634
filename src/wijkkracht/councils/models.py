import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import text_limit, validate_name, validate_text

from .constants import (
    AssignmentStatus,
    Measure,
    MeetingStatus,
    MemberStatus,
    PlanApprover,
    PlanStatus,
    Position,
    ReminderKind,
    TargetGroup,
)
from .query import (
    AssignmentQuerySet,
    CouncilMemberQuerySet,
    CouncilQuerySet,
    DecisionQuerySet,
    MeetingQuerySet,
    PlanQuerySet,
    TemplateGoalQuerySet,
)


class Council(models.Model):
    """A users' council (gebruikersraad) of a community centre or a district."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=160, validators=[validate_name])
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="councils", verbose_name=_("wijk")
    )
    centre = models.ForeignKey(
        "places.CommunityCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("wijkcentrum"),
        help_text=_("Leeg als de raad voor de hele wijk is."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("welzijnsorganisatie"),
        help_text=_("De organisatie die de beroepskracht in dienst heeft en nieuwe leden bevestigt."),
    )
    purpose = models.TextField(
        _("doel"),
        blank=True,
        validators=[validate_text, text_limit(4000)],
        help_text=_("Waar de raad voor is, in gewone taal. Staat op de openbare pagina."),
    )
    composition = models.CharField(
        _("samenstelling"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("Bijvoorbeeld: vijf tot negen bewoners uit de wijk."),
    )
    term_years = models.PositiveSmallIntegerField(
        _("zittingstermijn in jaren"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebruikersraad")
        verbose_name_plural = _("gebruikersraden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.centre_id and self.district_id and self.centre.district_id != self.district_id:
            raise ValidationError({"centre": _("Het wijkcentrum ligt niet in de wijk van deze raad.")})

    @property
    def url(self) -> str:
        return reverse("councils:detail", args=[self.public_id])


class CouncilMember(models.Model):
    """A resident's seat on a council: a position and a term. Proposed by the chair or secretary, confirmed by
    the organisation's coordinator or an administrator. Only name and position are ever public."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("raad"))
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("bewoner")
    )
    position = models.CharField(_("functie"), max_length=16, choices=Position.choices, default=Position.MEMBER)
    status = models.CharField(_("status"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.PROPOSED)
    term_start = models.DateField(_("begin termijn"))
    term_end = models.DateField(_("einde termijn"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("raadslid")
        verbose_name_plural = _("raadsleden")
        ordering = ["council", "position", "term_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"],
                name="council_member_one_seat",
                condition=models.Q(status__in=["proposed", "confirmed"]),
                violation_error_message=_("Deze bewoner zit al in de raad of is al voorgesteld."),
            ),
            models.UniqueConstraint(
                fields=["council", "position"],
                name="council_member_one_per_office",
                condition=models.Q(status="confirmed", position__in=["chair", "secretary", "treasurer"]),
                violation_error_message=_("Deze functie is al bezet. Beëindig eerst het lidmaatschap van de huidige."),
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True) | models.Q(term_end__gte=models.F("term_start")),
                name="council_member_term_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_position_display()})"

    def clean(self) -> None:
        if self.term_end and self.term_start and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("Het einde van de termijn ligt voor het begin.")})


class CouncilSettings(models.Model):
    """Per municipality: who approves the councils' plans (the municipality or the welfare organisation)."""

    municipality = models.OneToOneField(
        "places.Municipality", on_delete=models.CASCADE, related_name="council_settings", verbose_name=_("gemeente")
    )
    plan_approver = models.CharField(
        _("wie keurt de plannen goed"),
        max_length=16,
        choices=PlanApprover.choices,
        default=PlanApprover.ORGANISATION,
    )

    class Meta:
        verbose_name = _("instelling gebruikersraden")
        verbose_name_plural = _("instellingen gebruikersraden")

    def __str__(self) -> str:
        return str(self.municipality)


class Plan(models.Model):
    """The council's content plan (inhoudelijk plan) for one year."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="plans", verbose_name=_("raad"))
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    summary = models.TextField(
        _("samenvatting"),
        blank=True,
        validators=[validate_text, text_limit(4000)],
        help_text=_("Wat de raad dit jaar wil bereiken."),
    )
    evaluation = models.TextField(
        _("evaluatie"),
        blank=True,
        validators=[validate_text, text_limit(8000)],
        help_text=_("Wat lukte, wat niet, en wat de raad volgend jaar anders doet."),
    )
    version = models.PositiveIntegerField(_("versie"), default=0)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("inhoudelijk plan")
        verbose_name_plural = _("inhoudelijke plannen")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"],
                name="plan_one_per_council_year",
                violation_error_message=_("Deze raad heeft al een plan voor dit jaar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.year}"

    @property
    def url(self) -> str:
        return reverse("councils:plan", args=[self.public_id])


def _validate_target_groups(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Kies minstens één doelgroep."), code="target_groups")
    unknown = [v for v in value if v not in TargetGroup.values]
    if unknown or len(set(value)) != len(value):
        raise ValidationError(_("Kies doelgroepen uit de lijst."), code="target_groups")


class PlanGoal(models.Model):
    """One goal of a plan: for whom, how much, and how its realisation is counted."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    title = models.CharField(_("doel"), max_length=200, validators=[validate_name])
    description = models.TextField(_("toelichting"), blank=True, validators=[validate_text, text_limit(4000)])
    target_groups = models.JSONField(_("doelgroepen"), default=list, validators=[_validate_target_groups])
    target_value = models.PositiveIntegerField(
        _("streefwaarde"), validators=[MinValueValidator(1)], help_text=_("Een getal, bijvoorbeeld 120.")
    )
    measure = models.CharField(
        _("hoe we tellen"), max_length=24, choices=Measure.choices, default=Measure.RESIDENTS_REACHED
    )
    planned_activities = models.TextField(
        _("geplande activiteiten"),
        blank=True,
        validators=[validate_text, text_limit(4000)],
        help_text=_("Welke activiteiten dragen bij aan dit doel?"),
    )
    budget = models.DecimalField(
        _("begroting (euro)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    realised_manual = models.PositiveIntegerField(
        _("gerealiseerd (zelf geteld)"),
        null=True,
        blank=True,
        help_text=_("Tot de activiteiten dit zelf tellen: het aantal dat de raad heeft geteld."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(target_value__gte=1), name="plan_goal_target_positive"),
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="plan_goal_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(v, v)) for v in self.target_groups]


class PlanVersion(models.Model):
    """A snapshot of a plan and its goals at approval and after every later change."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"))
    note = models.CharField(_("wat is er veranderd"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class Assignment(models.Model):
    """A task the council gives the professional who serves it. The council directs; employer matters stay
    with the organisation and never appear here."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("raad"))
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="council_assignments",
        verbose_name=_("beroepskracht"),
    )
    title = models.CharField(_("opdracht"), max_length=200, validators=[validate_name])
    description = models.TextField(_("omschrijving"), blank=True, validators=[validate_text, text_limit(4000)])
    due_on = models.DateField(_("klaar op"))
    status = models.CharField(
        _("status"), max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.OFFERED
    )
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("opdracht")
        verbose_name_plural = _("opdrachten")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="assignment_progress_max_100"),
        ]
        indexes = [models.Index(fields=["professional", "status", "due_on"], name="assignment_board")]

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return reverse("councils:assignment", args=[self.public_id])


class AssignmentUpdate(models.Model):
    """A progress report on an assignment, by the professional."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="updates", verbose_name=_("opdracht")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("voortgang"), validators=[validate_text, text_limit(4000)])
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsbericht")
        verbose_name_plural = _("voortgangsberichten")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.assignment} {self.progress}%"


class Meeting(models.Model):
    """A council meeting: when and where, the agenda, who came, the minutes and the decisions. Date, place and
    agenda are public; so are the minutes and decisions once published. Attendance is for the council only."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("raad"))
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"), null=True, blank=True)
    centre = models.ForeignKey(
        "places.CommunityCentre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_meetings",
        verbose_name=_("wijkcentrum"),
    )
    location = models.CharField(
        _("plaats"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("Bijvoorbeeld: de grote zaal. Of een adres als het niet in een wijkcentrum is."),
    )
    status = models.CharField(_("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    minutes = models.TextField(
        _("notulen"),
        blank=True,
        validators=[validate_text, text_limit(20000)],
        help_text=_("Wat er besproken is. Noem geen namen of gegevens van bewoners die geen lid zijn."),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("De vergadering moet eindigen na het begin."),
            ),
        ]
        indexes = [models.Index(fields=["council", "status", "starts_at"], name="meeting_council_when")]

    def __str__(self) -> str:
        return f"{self.council} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("De vergadering moet eindigen na het begin.")})

    @property
    def url(self) -> str:
        return reverse("councils:meeting", args=[self.public_id])

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.location, self.centre.name if self.centre else "") if part)


class AgendaItem(models.Model):
    """One point on a meeting's agenda."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("vergadering")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("agendapunt"), max_length=200, validators=[validate_name])

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class MeetingAttendance(models.Model):
    """Whether a council member was at a meeting. For the council's own working pages, never public."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("vergadering")
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("raadslid")
    )
    present = models.BooleanField(_("aanwezig"), default=False)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="meeting_attendance_once")]

    def __str__(self) -> str:
        return f"{self.meeting} {self.member_id} {self.present}"


class Decision(models.Model):
    """A decision taken at a meeting, optionally about a plan goal, an initiative or an assignment. Public once
    the meeting's minutes are published."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("vergadering")
    )
    text = models.TextField(_("besluit"), validators=[validate_text, text_limit(2000)])
    plan_goal = models.ForeignKey(
        PlanGoal, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions", verbose_name=_("doel")
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_decisions",
        verbose_name=_("bewonersinitiatief"),
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("opdracht"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Reminder(models.Model):
    """A reminder sent once: for a meeting (a week and a day before), an overdue assignment, or a plan not
    evaluated after its year. The unique key is what makes running the reminder job twice send nothing new."""

    kind = models.CharField(_("soort"), max_length=24, choices=ReminderKind.choices)
    subject_key = models.CharField(_("waarover"), max_length=64)
    sent_at = models.DateTimeField(_("verstuurd"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [models.UniqueConstraint(fields=["kind", "subject_key"], name="council_reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key}"


class DistrictTailoring(models.Model):
    """Tailoring per district (maatwerk): which of the council's tools the district uses. Without a row the
    district uses them all. Its plan template is the district's TemplateGoals; initiatives keep their own
    part (whether the district takes initiatives, its budget, its categories: initiatives.DistrictSettings)."""

    district = models.OneToOneField(
        "places.District", on_delete=models.CASCADE, related_name="council_tailoring", verbose_name=_("wijk")
    )
    uses_meetings = models.BooleanField(_("vergaderingen"), default=True)
    uses_plans = models.BooleanField(_("inhoudelijk plan"), default=True)
    uses_assignments = models.BooleanField(_("opdrachten aan de beroepskracht"), default=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("maatwerk van de wijk")
        verbose_name_plural = _("maatwerk van de wijken")

    def __str__(self) -> str:
        return str(self.district)


class TemplateGoal(models.Model):
    """A goal of the district's plan template: a council starts a new plan with these goals (and changes them)."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        "places.District", on_delete=models.CASCADE, related_name="plan_template_goals", verbose_name=_("wijk")
    )
    title = models.CharField(_("doel"), max_length=200, validators=[validate_name])
    description = models.TextField(_("toelichting"), blank=True, validators=[validate_text, text_limit(4000)])
    target_groups = models.JSONField(_("doelgroepen"), default=list, validators=[_validate_target_groups])
    target_value = models.PositiveIntegerField(_("streefwaarde"), validators=[MinValueValidator(1)])
    measure = models.CharField(
        _("hoe we tellen"), max_length=24, choices=Measure.choices, default=Measure.RESIDENTS_REACHED
    )
    planned_activities = models.TextField(
        _("geplande activiteiten"), blank=True, validators=[validate_text, text_limit(4000)]
    )
    budget = models.DecimalField(
        _("begroting (euro)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = TemplateGoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("doel uit het plansjabloon")
        verbose_name_plural = _("plansjabloon")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(target_value__gte=1), name="template_goal_target_positive"),
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="template_goal_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(v, v)) for v in self.target_groups]
