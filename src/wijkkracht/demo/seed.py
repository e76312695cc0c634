"""The demo data set: real areas (CBS), real centre names, synthetic everything else.

Every function here is idempotent: it creates what is missing and leaves what exists alone, so a second
run changes nothing. Every row is written through its app's services (actor=None: the system, or a demo login
where a real person would act), so the demo meets the same validation and leaves the same audit trail as any
other entry point. Only `scale.py` (the benchmark's 10x data) writes in bulk.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership, User
from wijkkracht.accounts.services import membership_grant, user_create
from wijkkracht.councils.models import Council
from wijkkracht.councils.services import council_save
from wijkkracht.organisations.constants import OrganisationKind
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.services import organisation_save
from wijkkracht.pages.models import SiteInformation
from wijkkracht.pages.services import site_information_save
from wijkkracht.people.models import Channel, Person
from wijkkracht.people.services import person_create, person_invite, person_register_at_desk
from wijkkracht.places import maps
from wijkkracht.places.models import (
    AreaShape,
    CommunityCentre,
    District,
    DistrictAlias,
    Municipality,
    Neighbourhood,
    PopulationFigure,
)
from wijkkracht.places.services import (
    areas_import,
    centre_save,
    district_alias_save,
    opening_hours_replace,
    population_figures_load,
    room_create,
)

SEED = 2026
DEMO_PASSWORD = "wijkkracht-demo"  # noqa: S105 - printed on purpose: demo logins only
DEMO_DOMAIN = "demo.wijkkracht.example"  # .example is reserved (RFC 2606): never a real mailbox
MUNICIPALITY_CODE = "GM0362"
MUNICIPALITY_TOTAL = 94_435  # Gemeente Amstelveen, Facts & Figures, 1 January 2023
DEMO_NAMESPACE = uuid.UUID("5b0c3c1e-2026-4d1a-9c57-000000000000")
RESIDENTS = 200


def demo_uuid(kind: str, key) -> uuid.UUID:
    """A stable public id, so a second run recognises what the first one made."""
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}")


def refuse_outside_demo(command: str) -> None:
    """The demo creates an administrator with a published password: never on a real installation."""
    from django.core.management.base import CommandError

    # override_settings hides SETTINGS_MODULE (None): fall back on the environment that named the settings.
    module = getattr(settings, "SETTINGS_MODULE", None) or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    if not settings.WIJKKRACHT_DEMO or module.endswith(".production"):
        raise CommandError(
            f"{command} refuses to run: it creates accounts with the published demo password. It runs only with "
            "demo settings (wijkkracht.conf.dev or WIJKKRACHT_DEMO=1), never with production settings."
        )


def buurten_path():
    return settings.WIJKKRACHT_SHARED_DATA / "amstelveen" / "buurten.geojson"


# --- centres ---------------------------------------------------------------------------------------------
# Names and districts from public sources (shared/data/README.md); addresses, hours and rooms are examples.
CENTRES = [
    {
        "name": "Westend",
        # There is no district called "Westwijk": CBS splits it into "Bovenkerk - Westwijk Noord" (WK036211)
        # and "Westwijk Zuid" (WK036212). Westend goes to Westwijk Zuid.
        "district": "WK036212",
        "street": "Voorbeeldlaan 1",
        "postcode": "1187 AA",
        "focus": "Jongeren en gezinnen",
        "profile": "Wijkcentrum voor Westwijk: huiswerkklas, kookclub en een plek om buren te ontmoeten.",
        "rooms": [("Grote zaal", 80, True), ("Keuken", 16, True), ("Vergaderkamer", 12, True)],
    },
    {
        "name": "Alleman",
        "district": "WK036206",  # "Bankras, Kostverloren"
        "street": "Voorbeeldstraat 2",
        "postcode": "1183 AB",
        "focus": "Ontmoeting en taal",
        "profile": "Taalcafé, koffieochtenden en hulp bij formulieren.",
        "rooms": [("Zaal", 60, True), ("Taallokaal", 14, True)],
    },
    {
        "name": "De Meent",
        "district": "WK036210",  # "Waardhuizen, Middenhoven"
        "street": "Voorbeeldplein 3",
        "postcode": "1188 AC",
        "focus": "Ouderen en mantelzorgers",
        "profile": "Maaltijden, bewegen voor ouderen en een mantelzorgcafé.",
        "rooms": [("Theaterzaal", 120, True), ("Atelier", 20, False), ("Huiskamer", 15, True)],
    },
    {
        "name": "De Bolder",
        "district": "WK036209",  # Groenelaan
        "street": "Voorbeeldweg 4",
        "postcode": "1186 AD",
        "focus": "Kinderen en sport",
        "profile": "Kinderactiviteiten, sport en spel en een repair café.",
        "rooms": [("Gymzaal", 40, True), ("Clubruimte", 20, True)],
    },
    {
        "name": "Pluspunt",
        "district": "WK036202",  # Patrimonium
        "street": "Voorbeeldkade 5",
        "postcode": "1181 AE",
        "focus": "Vrijwilligers en buurtinitiatieven",
        "profile": "Het punt voor vrijwilligerswerk en bewonersinitiatieven in Patrimonium.",
        "rooms": [("Ontmoetingsruimte", 50, True), ("Werkplaats", 10, False)],
    },
    {
        "name": "Villa Randwijck",
        "district": "WK036201",  # Randwijck
        "street": "Voorbeeldpark 6",
        "postcode": "1182 AF",
        "focus": "Cultuur en ontmoeting",
        "profile": "Cursussen, exposities en concerten in een villa in het park.",
        "rooms": [("Salon", 45, True), ("Tuinkamer", 20, True), ("Zolder", 12, False)],
    },
    {
        "name": "Dorpshuis Nes aan de Amstel",
        "district": "WK036213",  # "Buitengebied Zuid": its only buurt is Nes aan de Amstel (BU03621301)
        "street": "Voorbeelddijk 7",
        "postcode": "1189 AG",
        "city": "Nes aan de Amstel",
        "focus": "Dorpsleven",
        "profile": "Het dorpshuis: klaverjassen, dorpsmaaltijd en de ledenvergadering van de dorpsraad.",
        "rooms": [("Dorpszaal", 90, True), ("Bestuurskamer", 10, True)],
    },
]
# Monday to Friday 09:00–17:00 everywhere; evening hours and a Saturday morning vary per centre.
HOURS = [(day, dt.time(9), dt.time(17)) for day in range(5)]
EXTRA_HOURS = [(1, dt.time(19), dt.time(22)), (3, dt.time(19), dt.time(22)), (5, dt.time(10), dt.time(13))]

ORGANISATIONS = [
    ("Participe Amstelland", OrganisationKind.WELFARE, "https://www.participe.nu/"),
    # Partners are fictitious (marked "voorbeeld"): the demo must not claim real cooperation.
    ("Voorbeeldschool De Linde", OrganisationKind.SCHOOL, ""),
    ("Sportvereniging Voorbeeld Amstelveen", OrganisationKind.SPORTS, ""),
    ("Woningcorporatie Voorbeeld", OrganisationKind.HOUSING, ""),
]
WELFARE = ORGANISATIONS[0][0]
HOME_CENTRE = "Villa Randwijck"  # where the demo council member and professional work


@dataclass(frozen=True)
class DemoLogin:
    key: str
    role: str
    first_name: str
    last_name: str

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


DEMO_LOGINS = [
    DemoLogin("bewoner", Role.RESIDENT, "Ria", "de Vries"),
    DemoLogin("vrijwilliger", Role.VOLUNTEER, "Vera", "Jansen"),
    DemoLogin("raadslid", Role.COUNCIL_MEMBER, "Kees", "Bakker"),
    DemoLogin("beroepskracht", Role.PROFESSIONAL, "Priya", "Ramdin"),
    DemoLogin("coordinator", Role.COORDINATOR, "Cor", "Visser"),
    DemoLogin("analist", Role.ANALYST, "Anna", "Smit"),
    DemoLogin("beheerder", Role.ADMINISTRATOR, "Ad", "Mulder"),
]

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Emma",
    "Fatima",
    "Gert",
    "Hanna",
    "Ibrahim",
    "Julia",
    "Kevin",
    "Lotte",
    "Mohamed",
    "Noor",
    "Olga",
    "Pieter",
    "Qing",
    "Rosa",
    "Sanne",
    "Tom",
    "Urvashi",
    "Vincent",
    "Wei",
    "Yara",
    "Zeynep",
    "Jan",
    "Marieke",
    "Sven",
    "Aylin",
    "Ricardo",
    "Hiroshi",
    "Priya",
    "Ana",
    "Lucas",
    "Sara",
    "Milan",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Ramdin",
    "Tanaka",
    "Wang",
    "Kumar",
    "Santos",
    "Nowak",
    "Kowalski",
]
LANGUAGES = [
    "Nederlands",
    "Nederlands, Engels",
    "Nederlands, Turks",
    "Nederlands, Arabisch",
    "Engels",
    "Nederlands, Pools",
    "Engels, Hindi",
    "Nederlands, Papiaments",
    "Japans, Engels",
    "Nederlands, Duits",
]
# Share per CBS age band (0–15, 15–25, 25–45, 45–65, 65+), roughly Amstelveen's profile.
AGE_SHARES = (0.17, 0.12, 0.26, 0.26, 0.19)
AGE_RANGES = ((0, 14), (15, 24), (25, 44), (45, 64), (65, 95))


# --- areas -----------------------------------------------------------------------------------------------
def ensure_areas() -> str:
    """Load the 14 districts and 47 neighbourhoods unless exactly these codes are loaded already."""
    data = json.loads(buurten_path().read_text(encoding="utf-8"))
    codes = {str(feat["properties"]["buurtcode"]).strip().upper() for feat in data["features"]}
    loaded = set(Neighbourhood.objects.filter(cbs_code__in=codes).values_list("cbs_code", flat=True))
    if loaded == codes:
        return "areas: already loaded"
    result = areas_import(data=data)
    return f"areas: {result.districts} districts, {result.neighbourhoods} neighbourhoods loaded"


def municipality() -> Municipality:
    return Municipality.objects.get(cbs_code=MUNICIPALITY_CODE)


# --- organisations, centres, councils --------------------------------------------------------------------
@transaction.atomic
def ensure_organisations(gm: Municipality) -> int:
    existing = set(Organisation.objects.filter(name__in=[o[0] for o in ORGANISATIONS]).values_list("name", flat=True))
    made = 0
    for name, kind, website in ORGANISATIONS:
        if name not in existing:
            organisation_save(
                organisation=Organisation(name=name, kind=kind, municipality=gm, website=website), actor=None
            )
            made += 1
    return made


@transaction.atomic
def ensure_centres() -> int:
    districts = {d.cbs_code: d for d in District.objects.filter(cbs_code__in=[c["district"] for c in CENTRES])}
    shapes = dict(AreaShape.objects.filter(cbs_code__in=list(districts)).values_list("cbs_code", "svg_path"))
    existing = {c.name: c for c in CommunityCentre.objects.filter(name__in=[c["name"] for c in CENTRES])}
    made = 0
    for index, spec in enumerate(CENTRES):
        centre = existing.get(spec["name"])
        if centre is None:
            district = districts[spec["district"]]
            # The address is an example, so the centre goes to a spot well inside its district (a centroid
            # can fall outside a hooked district such as Groenelaan).
            lon, lat = (
                maps.inside_lonlat(shapes[district.cbs_code])
                if shapes.get(district.cbs_code)
                else (district.centroid_lon, district.centroid_lat)
            )
            centre = CommunityCentre(
                name=spec["name"],
                district=district,
                street=spec["street"],
                postcode=spec["postcode"],
                city=spec.get("city", "Amstelveen"),
                phone=f"020 000 00{index:02d}",
                email=f"{spec['name'].lower().replace(' ', '-')}@{DEMO_DOMAIN}",
                profile=spec["profile"],
                focus=spec["focus"],
                lon=lon,
                lat=lat,
                synthetic_address=True,
            )
            centre_save(centre=centre, actor=None)
            made += 1
        if not centre.opening_hours.exists():
            hours = HOURS + [EXTRA_HOURS[index % len(EXTRA_HOURS)]]
            opening_hours_replace(centre=centre, hours=hours, actor=None)
        if not centre.rooms.exists():
            for name, capacity, wheelchair in spec["rooms"]:
                room_create(centre=centre, actor=None, name=name, capacity=capacity, wheelchair_accessible=wheelchair)
        if not Council.objects.filter(centre=centre).exists():
            council = Council(name=f"Gebruikersraad {centre.name}", district=centre.district, centre=centre)
            council_save(council=council, actor=None)
    return made


# --- everyday names ---------------------------------------------------------------------------------------
# Names residents use that are not the CBS name (administrators keep these in the admin).
ALIASES = {
    "WK036201": ["Randwijk"],
    "WK036203": ["Elsrijk-Oost", "Elsrijk-West"],
    "WK036204": ["Centrum", "Stadscentrum"],
    "WK036205": ["Studentencampus"],
    "WK036206": ["Bankras", "Kostverloren"],
    "WK036207": ["Ouderkerk"],
    "WK036208": ["Het Dorp", "Dorp"],
    "WK036209": ["Groenelaan-Noord"],
    "WK036210": ["Middenhoven", "Waardhuizen"],
    "WK036211": ["Westwijk", "Bovenkerk", "Westwijk-Noord"],
    "WK036212": ["Westwijk", "Westwijk-Zuid"],
    "WK036213": ["Nes"],
    "WK036214": ["Bos", "Het Bos"],
}


def ensure_aliases() -> int:
    """The everyday names above, through the places service; existing ones are left alone."""
    districts = {d.cbs_code: d for d in District.objects.filter(cbs_code__in=ALIASES)}
    have = set(DistrictAlias.objects.values_list("district__cbs_code", "name"))
    made = 0
    for code, names in ALIASES.items():
        for name in names:
            if code in districts and (code, name) not in have:
                district_alias_save(alias=DistrictAlias(district=districts[code], name=name), actor=None)
                made += 1
    return made


# --- population figures ----------------------------------------------------------------------------------
def _split(total: int, weights: list[float], step: int) -> list[int]:
    """Split total (a multiple of step) into parts proportional to weights, each a multiple of step."""
    units = total // step
    raw = [w / sum(weights) * units for w in weights]
    parts = [int(r) for r in raw]
    # Largest remainders first; ties broken by position so the result is deterministic.
    for i in sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))[: units - sum(parts)]:
        parts[i] += 1
    return [p * step for p in parts]


# Neighbourhoods that are mostly fields, woods or offices get few inhabitants.
SPARSE = {"WK036207", "WK036213", "WK036214"}


def population_plan(year: int) -> list[dict]:
    """Synthetic figures that add up: buurten (multiples of 5) → wijken → municipality = 94,435."""
    rng = random.Random(SEED)
    neighbourhoods = list(Neighbourhood.objects.select_related("district").order_by("cbs_code"))
    weights = [
        rng.uniform(0.15, 0.6) if n.district.cbs_code in SPARSE else rng.uniform(0.6, 1.6) for n in neighbourhoods
    ]
    totals = _split(MUNICIPALITY_TOTAL, weights, 5)
    rows: list[dict] = []
    sums: dict[str, dict] = {}
    keys = ("inhabitants", *PopulationFigure.AGE_BANDS, "households")

    def add(code, level, name, values):
        rows.append({"cbs_code": code, "level": level, "name": name, **values})

    for n, total in zip(neighbourhoods, totals, strict=True):
        shares = [s * rng.uniform(0.8, 1.2) for s in AGE_SHARES]
        bands = _split(total, shares, 5) if total else [0] * 5
        households = int(total / rng.uniform(1.9, 2.4)) // 5 * 5
        values = dict(zip(keys, [total, *bands, households], strict=True))
        add(n.cbs_code, PopulationFigure.Level.NEIGHBOURHOOD, n.name, values)
        district_sum = sums.setdefault(n.district.cbs_code, {"name": n.district.name, **dict.fromkeys(keys, 0)})
        for key in keys:
            district_sum[key] += values[key]
    gm_sum = dict.fromkeys(keys, 0)
    for code, values in sorted(sums.items()):
        name = values.pop("name")
        add(code, PopulationFigure.Level.DISTRICT, name, values)
        for key in keys:
            gm_sum[key] += values[key]
    assert gm_sum["inhabitants"] == MUNICIPALITY_TOTAL
    add(MUNICIPALITY_CODE, PopulationFigure.Level.MUNICIPALITY, "Amstelveen", gm_sum)
    return rows


@transaction.atomic
def ensure_population(year: int | None = None) -> int:
    """Create the missing synthetic figures for last year; never overwrite a figure that exists (real or not)."""
    year = year or timezone.localdate().year - 1
    existing = set(PopulationFigure.objects.filter(year=year).values_list("cbs_code", flat=True))
    missing = [{**row, "year": year} for row in population_plan(year) if row["cbs_code"] not in existing]
    if missing:
        population_figures_load(rows=missing, source="Wijkkracht demo (synthetisch)", synthetic=True, actor=None)
    return len(missing)


# --- people and logins -----------------------------------------------------------------------------------
def _birth_year(rng: random.Random, today_year: int) -> int:
    band = rng.choices(range(5), weights=AGE_SHARES)[0]
    low, high = AGE_RANGES[band]
    return today_year - rng.randint(low, high)


@transaction.atomic
def ensure_logins() -> list[dict]:
    gm = municipality()
    welfare = Organisation.objects.get(name=WELFARE)
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    council = Council.objects.get(centre=home)
    home_neighbourhood = home.district.neighbourhoods.order_by("cbs_code").first()
    scope = {
        Role.COUNCIL_MEMBER: {"council": council},
        Role.PROFESSIONAL: {"organisation": welfare, "centre": home},
        Role.COORDINATOR: {"organisation": welfare},
        Role.ANALYST: {"municipality": gm},
    }
    existing = {u.email: u for u in User.objects.filter(email__in=[d.email for d in DEMO_LOGINS])}
    table = []
    for index, demo in enumerate(DEMO_LOGINS):
        user = existing.get(demo.email)
        if user is None:
            # The administrator role (granted below) opens the admin; Django's staff/superuser flags grant nothing.
            user = user_create(email=demo.email, display_name=demo.first_name, password=DEMO_PASSWORD, actor=None)
        if not Membership.objects.filter(user=user, role=demo.role).exists():
            membership_grant(user=user, role=demo.role, actor=None, **scope.get(demo.role, {}))
        if not Person.objects.of_user(user).exists():
            resident_like = demo.role in {Role.RESIDENT, Role.VOLUNTEER, Role.COUNCIL_MEMBER}
            person_create(
                actor=None,
                user=user,
                public_id=demo_uuid("login", demo.key),
                synthetic=True,
                data={
                    "first_name": demo.first_name,
                    "last_name": demo.last_name,
                    "birth_year": 1960 + 5 * index,
                    "neighbourhood": home_neighbourhood if resident_like else None,
                    "languages": "Nederlands, Engels",
                },
            )
        table.append({"email": demo.email, "role": demo.role, "password": DEMO_PASSWORD})
    return table


@transaction.atomic
def ensure_residents(count: int = RESIDENTS) -> int:
    """~200 residents without an account, spread over the neighbourhoods. Deterministic (Random(2026))."""
    rng = random.Random(SEED)
    neighbourhoods = list(
        Neighbourhood.objects.filter(district__municipality__cbs_code=MUNICIPALITY_CODE).order_by("cbs_code")
    )
    weights = _neighbourhood_weights(neighbourhoods)
    ids = [demo_uuid("resident", i) for i in range(count)]
    existing = set(Person.objects.filter(public_id__in=ids).values_list("public_id", flat=True))
    year = timezone.localdate().year
    made = 0
    for i, public_id in enumerate(ids):
        # Draw for every index, also existing ones, so the n-th resident is always the same person.
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        neighbourhood = rng.choices(neighbourhoods, weights=weights)[0]
        birth_year = _birth_year(rng, year)
        languages = rng.choice(LANGUAGES)
        consent = rng.random() < 0.6
        if public_id in existing:
            continue
        person_create(
            actor=None,
            public_id=public_id,
            synthetic=True,
            data={
                "first_name": first,
                "last_name": last,
                "birth_year": birth_year,
                "neighbourhood": neighbourhood,
                "languages": languages,
                "consent_contact": consent,
                "contact_preference": "phone" if i % 3 == 0 else "email",
                "phone": f"06 0000 {i:04d}" if i % 3 == 0 else "",
            },
        )
        made += 1
    return made


def _neighbourhood_weights(neighbourhoods) -> list[float]:
    """Weights from the latest population figures, so synthetic people live where the inhabitants live."""
    figures = {}
    for code, inhabitants in (
        PopulationFigure.objects.filter(cbs_code__in=[n.cbs_code for n in neighbourhoods])
        .order_by("cbs_code", "-year")
        .values_list("cbs_code", "inhabitants")
    ):
        figures.setdefault(code, inhabitants)
    return [max(figures.get(n.cbs_code) or 0, 5) for n in neighbourhoods]


# --- contact, statements and the desk -------------------------------------------------------------------
# The phone number is an example: the demo must not send callers to a real organisation's line.
SITE_INFORMATION = {
    "contact_name": "Participe Amstelland",
    "contact_phone": "020 123 45 67",
    "contact_phone_hours": "maandag tot en met vrijdag, van 9.00 tot 17.00 uur",
    "contact_visit_hours": (
        "De wijkcentra zijn op werkdagen open van 9.00 tot 17.00 uur, sommige ook 's avonds of op zaterdag."
    ),
    "contact_email": f"contact@{DEMO_DOMAIN}",
    "contact_extra": "Dit is een demo: het telefoonnummer en de e-mailadressen zijn voorbeelden.",
    "controller_name": "Gemeente Amstelveen",
    "privacy_email": f"privacy@{DEMO_DOMAIN}",
    "privacy_officer": "De functionaris gegevensbescherming van de gemeente, via het privacy-e-mailadres",
    "accessibility_status": "B",
    "accessibility_known_issues": "Er is nog geen onderzoek door een deskundige gedaan.",
    "accessibility_email": f"toegankelijkheid@{DEMO_DOMAIN}",
    "operator_name": "Gemeente Amstelveen, samen met Participe Amstelland",
    "operator_address": "Voorbeeldstraat 1, 1181 AA Amstelveen",
}

# Residents the demo professional registered at the desk or by phone; the first was invited to claim an account.
DESK_RESIDENTS = [
    ("Henk", "van Dijk", 1941, Channel.DESK, "020 000 0101", "Nederlands"),
    ("Fatma", "Yilmaz", 1958, Channel.PHONE, "06 0000 0102", "Turks, Nederlands"),
    ("Gerrit", "Bos", 1936, Channel.PHONE, "020 000 0103", "Nederlands"),
    ("Mei", "Chen", 1949, Channel.DESK, "06 0000 0104", "Chinees, Engels"),
]


@transaction.atomic
def ensure_site_information(gm: Municipality) -> int:
    if SiteInformation.objects.filter(municipality=gm).exists():
        return 0
    info = SiteInformation(municipality=gm, statement_date=dt.date(2026, 11, 1), **SITE_INFORMATION)
    site_information_save(info=info, actor=None)
    return 1


@transaction.atomic
def ensure_desk_residents() -> int:
    professional = User.objects.get(email=f"beroepskracht@{DEMO_DOMAIN}")
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    neighbourhood = home.district.neighbourhoods.order_by("cbs_code").last()
    made = 0
    for index, (first, last, year, channel, phone, languages) in enumerate(DESK_RESIDENTS):
        public_id = demo_uuid("desk", index)
        if Person.objects.filter(public_id=public_id).exists():
            continue
        data = {
            "first_name": first,
            "last_name": last,
            "birth_year": year,
            "neighbourhood": neighbourhood,
            "languages": languages,
            "contact_preference": "phone",
            "phone": phone,
            "consent_contact": True,
            "channel": channel,
        }
        person = person_register_at_desk(data=data, actor=professional, public_id=public_id, synthetic=True)
        if index == 0:  # invited, link not yet used: a waiting account (the invitation lands in the demo mailbox)
            person_invite(
                person=person,
                email=f"henk.vandijk@{DEMO_DOMAIN}",
                base_url=settings.WIJKKRACHT_SITE_URL,
                actor=professional,
            )
        made += 1
    return made


def seed_demo(log=print) -> list[dict]:
    """The whole demo data set. Returns the table of demo logins."""
    log(ensure_areas())
    gm = municipality()
    log(f"organisations: {ensure_organisations(gm)} created")
    log(f"centres: {ensure_centres()} created")
    log(f"everyday district names: {ensure_aliases()} created")
    log(f"population figures: {ensure_population()} created (synthetic)")
    logins = ensure_logins()
    log(f"residents without account: {ensure_residents()} created")
    log(f"contact and statements: {ensure_site_information(gm)} created")
    # Before the apps below pick residents, so a second run sees the same ones.
    log(f"residents registered at the desk: {ensure_desk_residents()} created")
    from .councils import ensure_council_life  # councils at work: seats, plans, assignments

    log(ensure_council_life())
    from .initiatives import ensure_initiatives  # initiatives in every state, budgets with grants

    log(ensure_initiatives())
    from .volunteers import ensure_volunteers  # volunteers in every state at the home centre

    log(ensure_volunteers())
    from .activities import ensure_activities, ensure_bookings  # a week of activities at every demo centre

    log(ensure_activities())
    from .initiatives import ensure_initiative_activity  # an approved initiative on the calendar

    log(ensure_initiative_activity())
    log(ensure_bookings())  # rooms booked this week: sessions, groups of residents, hirers
    from .volunteers import ensure_volunteer_shifts  # shifts this week (sessions exist now), a stand-in asked

    log(ensure_volunteer_shifts())
    from .support import ensure_help_requests  # help requests in every state in the home district

    log(ensure_help_requests())
    from .board import ensure_board  # asks and offers on the boards of four districts

    log(ensure_board())
    from .concerns import ensure_concerns  # concerns in every state in the home district

    log(ensure_concerns())
    return logins
