import unicodedata
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import TEXT_MAX, text_limit, validate_name, validate_phone, validate_postcode, validate_text

from .query import CommunityCentreQuerySet, DistrictQuerySet, PopulationFigureQuerySet

SLUG_HELP = _("Het leesbare deel van het webadres, bijvoorbeeld randwijck. Wordt één keer gemaakt uit de naam.")


def search_key(text: str) -> str:
    """How names are compared in search: lower case, no accents, only letters and digits, single spaces
    ("Bovenkerk - Westwijk Noord" -> "bovenkerk westwijk noord", "Café" -> "cafe")."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def unique_slug(model, text: str, fallback: str, *, pk=None, max_length: int = 140) -> str:
    """A slug from `text`, unique among `model`'s rows: randwijck, randwijck-2, … (one query)."""
    base = (slugify(text) or slugify(fallback) or "plek")[: max_length - 4].strip("-")
    taken = set(model.objects.filter(slug__startswith=base).exclude(pk=pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class SlugMixin(models.Model):
    """A readable, unique address part made once from the name when the row is first saved (on import, seed
    or in the admin) and never changed afterwards, so links keep working when a name changes."""

    slug = models.SlugField(_("webadres"), max_length=140, unique=True, blank=True, help_text=SLUG_HELP)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, getattr(self, "cbs_code", ""), pk=self.pk)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)


class Area(SlugMixin):
    """What municipalities, districts and neighbourhoods share: a CBS code, a name and a boundary."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    cbs_code = models.CharField(_("CBS-code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    centroid_lon = models.FloatField(_("middelpunt lengtegraad"), null=True, blank=True)
    centroid_lat = models.FloatField(_("middelpunt breedtegraad"), null=True, blank=True)

    class Meta(SlugMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(Area):
    class Meta(Area.Meta):
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")


class District(Area):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts", verbose_name=_("gemeente")
    )

    objects = DistrictQuerySet.as_manager()

    class Meta(Area.Meta):
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    @property
    def url(self) -> str:
        return reverse("places:district", args=[self.slug])


class DistrictAlias(models.Model):
    """An everyday name residents use for a district ("Westwijk", "het Dorp"), so search finds it.
    Kept by administrators; one name may point to more than one district."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("wijk"))
    name = models.CharField(_("andere naam"), max_length=120, help_text=_("Een naam die bewoners gebruiken."))
    key = models.CharField(_("zoeksleutel"), max_length=120, editable=False, db_index=True)

    class Meta:
        verbose_name = _("andere naam van een wijk")
        verbose_name_plural = _("andere namen van wijken")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "key"], name="alias_unique_per_district")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = " ".join(self.name.split())
        self.key = search_key(self.name)
        if self.name and not self.key:
            raise ValidationError({"name": _("Gebruik letters of cijfers.")})


class Neighbourhood(Area):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="neighbourhoods", verbose_name=_("wijk")
    )

    class Meta(Area.Meta):
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")

    def get_absolute_url(self) -> str:
        """Its readable address; it leads to its row on the district page."""
        return reverse("places:neighbourhood", args=[self.slug])

    @property
    def anchor(self) -> str:
        """The id of its row on the district page (the map shape links there)."""
        return f"buurt-{self.slug}"


class PostcodeArea(models.Model):
    """Which neighbourhood a six-character postcode (PC6) lies in, from CBS "Postcode huisnummer wijk buurt"
    (`import_postcodes`). A postcode that spans two neighbourhoods goes to the one with the most addresses."""

    postcode = models.CharField(_("postcode"), max_length=6, unique=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("buurt")
    )
    addresses = models.PositiveIntegerField(_("adressen"), default=0)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["postcode"]

    def __str__(self) -> str:
        return f"{self.postcode[:4]} {self.postcode[4:]}"


class AreaShape(models.Model):
    """The boundary of an area and its pre-drawn map shape, kept apart from the area so that lists and joins
    never load geometry. Keyed by CBS code (municipality, district or neighbourhood)."""

    cbs_code = models.CharField(_("CBS-code"), max_length=10, unique=True)
    # Boundary as GeoJSON geometry (lon/lat, CRS84), exactly as imported.
    boundary = models.JSONField(_("grens"))
    # Pre-projected, simplified SVG path (metres in a fixed Dutch frame) and its bounding box,
    # computed on import so a page never projects polygons.
    svg_path = models.TextField(_("kaartvorm (SVG)"))
    bbox = models.JSONField(_("kader"))

    class Meta:
        verbose_name = _("vorm van een gebied")
        verbose_name_plural = _("vormen van gebieden")

    def __str__(self) -> str:
        return self.cbs_code


class PopulationFigure(models.Model):
    """CBS 'Kerncijfers wijken en buurten' for one region and one year. None means secret or unknown."""

    class Level(models.TextChoices):
        MUNICIPALITY = "municipality", _("gemeente")
        DISTRICT = "district", _("wijk")
        NEIGHBOURHOOD = "neighbourhood", _("buurt")

    cbs_code = models.CharField(_("CBS-code"), max_length=10, db_index=True)
    year = models.PositiveSmallIntegerField(_("jaar"))
    level = models.CharField(_("niveau"), max_length=16, choices=Level.choices)
    name = models.CharField(_("naam"), max_length=120, blank=True)
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    age_0_15 = models.PositiveIntegerField(_("0 tot 15 jaar"), null=True, blank=True)
    age_15_25 = models.PositiveIntegerField(_("15 tot 25 jaar"), null=True, blank=True)
    age_25_45 = models.PositiveIntegerField(_("25 tot 45 jaar"), null=True, blank=True)
    age_45_65 = models.PositiveIntegerField(_("45 tot 65 jaar"), null=True, blank=True)
    age_65_plus = models.PositiveIntegerField(_("65 jaar of ouder"), null=True, blank=True)
    households = models.PositiveIntegerField(_("huishoudens"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    synthetic = models.BooleanField(
        _("synthetisch"), default=False, help_text=_("Gegenereerd voor de demo, niet van het CBS.")
    )

    AGE_BANDS = ("age_0_15", "age_15_25", "age_25_45", "age_45_65", "age_65_plus")

    objects = PopulationFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("bevolkingscijfer")
        verbose_name_plural = _("bevolkingscijfers")
        constraints = [models.UniqueConstraint(fields=["cbs_code", "year"], name="population_code_year_unique")]
        ordering = ["-year", "cbs_code"]

    def __str__(self) -> str:
        return f"{self.cbs_code} {self.year}"


class CommunityCentre(SlugMixin):
    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=120, validators=[validate_name])
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="centres", verbose_name=_("wijk"))
    street = models.CharField(_("straat en huisnummer"), max_length=160, blank=True, validators=[validate_name])
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[validate_postcode])
    city = models.CharField(_("plaats"), max_length=80, default="Amstelveen")
    phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    # The centre's own profile: its role differs per district (maatwerk per wijk).
    profile = models.TextField(
        _("profiel"),
        blank=True,
        max_length=TEXT_MAX,
        validators=[text_limit(TEXT_MAX), validate_text],
        help_text=_("Wat dit wijkcentrum voor de wijk doet, in gewone taal."),
    )
    focus = models.CharField(
        _("accent"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("Bijvoorbeeld: jongeren, ouderen, taal."),
    )
    lon = models.FloatField(_("lengtegraad"), null=True, blank=True)
    lat = models.FloatField(_("breedtegraad"), null=True, blank=True)
    synthetic_address = models.BooleanField(
        _("adres is voorbeeld"), default=False, help_text=_("Het adres is voor de demo verzonnen.")
    )

    objects = CommunityCentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijkcentrum")
        verbose_name_plural = _("wijkcentra")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return reverse("places:centre", args=[self.slug])


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("maandag")
        TUESDAY = 1, _("dinsdag")
        WEDNESDAY = 2, _("woensdag")
        THURSDAY = 3, _("donderdag")
        FRIDAY = 4, _("vrijdag")
        SATURDAY = 5, _("zaterdag")
        SUNDAY = 6, _("zondag")

    centre = models.ForeignKey(
        CommunityCentre, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("wijkcentrum")
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("open vanaf"))
    closes = models.TimeField(_("open tot"))

    class Meta:
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="opening_closes_after_opens"),
            models.UniqueConstraint(fields=["centre", "weekday", "opens"], name="opening_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Room(models.Model):
    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(
        CommunityCentre, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("wijkcentrum")
    )
    name = models.CharField(_("naam"), max_length=80, validators=[validate_name])
    capacity = models.PositiveSmallIntegerField(_("aantal personen"))
    wheelchair_accessible = models.BooleanField(_("toegankelijk met rolstoel"), default=False)
    description = models.TextField(
        _("beschrijving"), blank=True, max_length=TEXT_MAX, validators=[text_limit(TEXT_MAX), validate_text]
    )

    class Meta:
        verbose_name = _("zaal")
        verbose_name_plural = _("zalen")
        ordering = ["name"]
        constraints = [
            # Case-insensitive: "Grote zaal" and "grote Zaal" are the same room (SQLite and PostgreSQL alike).
            models.UniqueConstraint(
                "centre",
                Lower("name"),
                name="room_unique_name_per_centre_ci",
                violation_error_message=_("Dit wijkcentrum heeft al een zaal met deze naam."),
                violation_error_code="duplicate",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="room_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.centre})"
