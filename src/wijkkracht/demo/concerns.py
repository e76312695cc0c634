"""Concerns in the demo: one or more in every state in the home district, raised by the demo resident, volunteer
and coordinator (a partner), triaged and acted on by the demo professional: contact, routed to a partner or the
municipality, one turned into a help request; closed ones with their feedback. All synthetic and marked as such.
Idempotent (found by the description); every row through the services and the workflow."""

from __future__ import annotations

from django.db import transaction

from wijkkracht.accounts.models import User
from wijkkracht.concerns import services
from wijkkracht.concerns.constants import Feedback, StepKind
from wijkkracht.concerns.models import Concern
from wijkkracht.organisations.models import Organisation
from wijkkracht.places.models import CommunityCentre

from .seed import DEMO_DOMAIN, HOME_CENTRE

# (reporter key, topic, description, about whom, priority or "", steps, feedback or "")
CONCERNS = [
    (
        "bewoner",
        "loneliness",
        "Mijn buurvrouw is sinds de zomer niet meer buiten geweest. Ze doet de deur niet open.",
        "Demo: mevrouw op nummer 14",
        "",
        [],
        "",
    ),
    (
        "vrijwilliger",
        "money",
        "Een deelnemer van de maaltijd zegt dat hij zijn energierekening niet kan betalen.",
        "Demo: deelnemer van de woensdagmaaltijd",
        "normal",
        [],
        "",
    ),
    (
        "coordinator",
        "housing",
        "Bij een huurder zien we schimmel en veel spullen in de gang; we maken ons zorgen.",
        "Demo: huurder Parklaan",
        "high",
        [
            (StepKind.CONTACT, "Huisbezoek samen met de corporatie gepland."),
            (StepKind.PARTNER, "Corporatie regelt een schoonmaak."),
        ],
        "",
    ),
    (
        "bewoner",
        "neglect",
        "De buurman loopt in de winter in korte broek en lijkt niet goed te eten.",
        "Demo: buurman Jan",
        "high",
        [("help_request", "")],
        "",
    ),
    (
        "vrijwilliger",
        "public_space",
        "De straatlantaarn bij het speelveld is al weken kapot; het is er 's avonds donker.",
        "",
        "low",
        [(StepKind.MUNICIPALITY, "Gemeld bij de gemeente.")],
        Feedback.PASSED_ON,
    ),
    (
        "bewoner",
        "safety",
        "Er hangen 's avonds jongeren rond bij het wijkcentrum.",
        "",
        "normal",
        [(StepKind.CONTACT, "Met de jongerenwerker gesproken: geen overlast gezien.")],
        Feedback.NO_ACTION,
    ),
]


def _login(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO_DOMAIN}")


@transaction.atomic
def ensure_concerns() -> str:
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    neighbourhoods = list(home.district.neighbourhoods.order_by("cbs_code"))
    professional = _login("beroepskracht")
    partner = Organisation.objects.filter(name="Woningcorporatie Voorbeeld").first()
    made = 0
    for index, (key, topic, description, about, priority, steps, feedback) in enumerate(CONCERNS):
        if Concern.objects.filter(synthetic=True, district=home.district, description=description).exists():
            continue
        neighbourhood = neighbourhoods[index % len(neighbourhoods)]
        concern = services.concern_raise(
            actor=None,
            reporter=_login(key),
            neighbourhood=neighbourhood,
            topic=topic,
            description=description,
            about_person=bool(about),
            person_hint=about,
            synthetic=True,
        )
        made += 1
        if priority:
            services.concern_triage(concern=concern, actor=professional, priority=priority, note="Demo-beoordeling.")
        for kind, note in steps:
            if kind == "help_request":
                services.concern_to_help_request(
                    concern=concern,
                    actor=professional,
                    neighbourhood=neighbourhood,
                    channel="home_visit",
                    contact_name="Demo: meneer Jan Post",
                    contact_phone="020 555 02 01",
                    category="shopping",
                    what="Boodschappen en een warme maaltijd; eet nu te weinig.",
                    urgency="high",
                    vulnerable=True,
                    consent_share=True,
                    synthetic=True,
                )
            else:
                services.concern_step_record(
                    concern=concern,
                    actor=professional,
                    kind=kind,
                    note=note,
                    organisation=partner if kind == StepKind.PARTNER else None,
                )
        if feedback:
            services.concern_close(concern=concern, actor=professional, feedback=feedback)
    return f"concerns: {made} created"


SCALE_YEARS = 5


def _scale_uuid(i: int):
    import uuid

    from .seed import DEMO_NAMESPACE

    return uuid.uuid5(DEMO_NAMESPACE, f"scale-concern:{i}")


def seed_concern_scale(*, people: int, using: str = "default") -> dict:
    """Concerns over five years for the benchmark: people // 30 a year (Amstelveen: about 3,100), spread over the
    neighbourhoods; the last 60 days open (new, triaged, in action), older ones closed with a feedback and, after
    a year, anonymised (as concerns.anonymise_closed leaves them). Bulk rows, no audit trail (benchmark data, see
    docs/architecture.md, "Demo and docs"). Idempotent: a second run adds none."""
    per_year = max(people // 30, 1)
    total = per_year * SCALE_YEARS
    if Concern.objects.using(using).filter(public_id=_scale_uuid(total - 1)).exists():
        return {"concerns": 0}
    return {"concerns": _scale_concerns(total, using)}


def _scale_concerns(total: int, using: str) -> int:
    import datetime
    import random

    from django.utils import timezone

    from wijkkracht.concerns.constants import ANONYMISED, ConcernStatus, Priority, ReporterRole, Topic
    from wijkkracht.places.models import Neighbourhood

    from .scale import BATCH
    from .seed import MUNICIPALITY_CODE, SEED

    rng = random.Random(SEED + 20)
    neighbourhoods = list(
        Neighbourhood.objects.using(using)
        .filter(district__municipality__cbs_code=MUNICIPALITY_CODE)
        .order_by("cbs_code")
        .values_list("pk", "district_id")
    )
    if not neighbourhoods:
        return 0
    have = set(Concern.objects.using(using).filter(synthetic=True).values_list("public_id", flat=True))
    now = timezone.now()
    span = SCALE_YEARS * 365 * 24 * 3600
    open_states = [ConcernStatus.NEW, ConcernStatus.TRIAGED, ConcernStatus.IN_ACTION]
    rows = []
    for i in range(total):
        neighbourhood_id, district_id = rng.choice(neighbourhoods)
        created = now - datetime.timedelta(seconds=rng.randint(0, span))
        topic, role = rng.choice(Topic.values), rng.choice(ReporterRole.values)
        age = (now - created).days
        status = rng.choice(open_states) if age < 60 else ConcernStatus.CLOSED
        public_id = _scale_uuid(i)
        if public_id in have:
            continue
        closed_at = created + datetime.timedelta(days=rng.randint(1, 50)) if status == ConcernStatus.CLOSED else None
        anonymised = closed_at is not None and (now - closed_at).days > 365
        rows.append(
            Concern(
                public_id=public_id,
                district_id=district_id,
                neighbourhood_id=neighbourhood_id,
                topic=topic,
                description=ANONYMISED if anonymised else "Schaalmelding: een verzonnen zorg voor de benchmark.",
                about_person=topic != Topic.PUBLIC_SPACE,
                reporter_role=role,
                status=status,
                priority="" if status == ConcernStatus.NEW else rng.choice(Priority.values),
                feedback=rng.choice(["acted", "passed_on", "no_action"]) if closed_at else "",
                closed_at=closed_at,
                created_at=created,
                anonymised_at=closed_at + datetime.timedelta(days=366) if anonymised and closed_at else None,
                synthetic=True,
            )
        )
    drawn = {row.public_id: row.created_at for row in rows}
    for start in range(0, len(rows), BATCH):
        Concern.objects.using(using).bulk_create(rows[start : start + BATCH])
    # created_at is auto_now_add, so bulk_create stamped "now": put the drawn dates back.
    made = list(Concern.objects.using(using).filter(public_id__in=list(drawn)).only("pk", "public_id"))
    for row in made:
        row.created_at = drawn[row.public_id]
    Concern.objects.using(using).bulk_update(made, ["created_at"], batch_size=BATCH)
    return len(rows)
