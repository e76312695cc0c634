import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import text_limit, validate_name, validate_text

from .constants import Category, InitiativeStatus, Need
from .query import DistrictBudgetQuerySet, InitiativeQuerySet

MONEY = {"max_digits": 10, "decimal_places": 2}


def _validate_needs(value) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or any(v not in Need.values for v in value) or len(set(value)) != len(value):
        raise ValidationError(_("Kies wat u nodig hebt uit de lijst."), code="needs")


class Initiative(models.Model):
    """A residents' initiative (bewonersinitiatief): an idea for the district that asks for a room, money,
    volunteers or support. The council of the district decides; the initiator sees the reasons."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("wijk")
    )
    initiator = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("initiatiefnemer")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
        help_text=_("De bewoner zelf, of een beroepskracht namens de bewoner."),
    )
    title = models.CharField(_("naam van het initiatief"), max_length=160, validators=[validate_name])
    category = models.CharField(_("soort"), max_length=16, choices=Category.choices, default=Category.MEETING)
    description = models.TextField(_("wat gaat u doen?"), validators=[validate_text, text_limit(4000)])
    audience = models.CharField(_("voor wie?"), max_length=200, validators=[validate_name])
    location = models.CharField(_("waar?"), max_length=200, blank=True, validators=[validate_name])
    when = models.CharField(
        _("wanneer?"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("Bijvoorbeeld: elke woensdag."),
    )
    needs = models.JSONField(_("wat hebt u nodig?"), default=list, blank=True, validators=[_validate_needs])
    amount_requested = models.DecimalField(
        _("gevraagd bedrag (euro)"), default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    is_public = models.BooleanField(
        _("openbaar"), default=False, help_text=_("Buurtbewoners zien het initiatief en kunnen het steunen.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=InitiativeStatus.choices, default=InitiativeStatus.PROPOSED
    )
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewonersinitiatief")
        verbose_name_plural = _("bewonersinitiatieven")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_requested__gte=0), name="initiative_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["district", "status"], name="initiative_district_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return reverse("initiatives:detail", args=[self.public_id])

    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(v, v)) for v in self.needs]


class Backing(models.Model):
    """A resident of the district backs a public initiative, once."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="backings", verbose_name=_("initiatief")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="backings", verbose_name=_("bewoner")
    )
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person"],
                name="backing_once_per_person",
                violation_error_message=_("U steunt dit initiatief al."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}:{self.person_id}"


class Milestone(models.Model):
    """One step of the next-steps checklist that coaches the initiator."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("initiatief")
    )
    title = models.CharField(_("stap"), max_length=200)
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class DistrictBudget(models.Model):
    """The money a district may give to initiatives in one year (wijkbudget)."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="budgets", verbose_name=_("wijk")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("bedrag (euro)"), validators=[MinValueValidator(Decimal("0"))], **MONEY)

    objects = DistrictBudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijkbudget")
        verbose_name_plural = _("wijkbudgetten")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year"],
                name="budget_one_per_district_year",
                violation_error_message=_("Deze wijk heeft al een budget voor dit jaar."),
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.year}"


class Grant(models.Model):
    """Money from a district budget for one approved initiative. The remaining budget never goes below zero
    (initiatives.services.grant_award locks the budget row)."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    budget = models.ForeignKey(
        DistrictBudget, on_delete=models.PROTECT, related_name="grants", verbose_name=_("budget")
    )
    initiative = models.OneToOneField(
        Initiative, on_delete=models.PROTECT, related_name="grant", verbose_name=_("initiatief")
    )
    amount = models.DecimalField(_("bedrag (euro)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True)

    class Meta:
        verbose_name = _("subsidie uit het wijkbudget")
        verbose_name_plural = _("subsidies uit het wijkbudget")
        ordering = ["-decided_at"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="grant_amount_positive")]

    def __str__(self) -> str:
        return f"{self.initiative} € {self.amount}"


def _receipt_path(instance, filename: str) -> str:
    # Never the uploader's file name (it may hold personal data): a random name with the checked extension.
    return f"receipts/{instance.grant.public_id}/{uuid.uuid4().hex}.{instance.kind}"


class Receipt(models.Model):
    """Proof of spending, uploaded by the initiator (PDF, JPEG or PNG, at most 5 MB)."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("subsidie"))
    file = models.FileField(_("bestand"), upload_to=_receipt_path)
    kind = models.CharField(_("soort bestand"), max_length=4)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    amount = models.DecimalField(_("bedrag (euro)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY)
    description = models.CharField(_("waarvoor?"), max_length=200, validators=[validate_name])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("bonnetje")
        verbose_name_plural = _("bonnetjes")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.description


def _validate_categories(value) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or any(v not in Category.values for v in value) or len(set(value)) != len(value):
        raise ValidationError(_("Kies soorten uit de lijst."), code="categories")


class DistrictSettings(models.Model):
    """Tailoring per district, the initiatives' part: whether the district takes initiatives through Wijkkracht,
    whether it gives money from a district budget, and which kinds of initiative it asks for (empty: all).
    Without a row a district takes every kind and uses its budget. Its council sets it (councils' tailoring
    page, through initiatives.services.district_settings_save)."""

    district = models.OneToOneField(
        "places.District", on_delete=models.CASCADE, related_name="initiative_settings", verbose_name=_("wijk")
    )
    takes_initiatives = models.BooleanField(_("bewonersinitiatieven"), default=True)
    uses_budget = models.BooleanField(_("wijkbudget voor initiatieven"), default=True)
    categories = models.JSONField(
        _("soorten initiatieven"), default=list, blank=True, validators=[_validate_categories]
    )
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("instelling initiatieven van de wijk")
        verbose_name_plural = _("instellingen initiatieven van de wijken")

    def __str__(self) -> str:
        return str(self.district)
