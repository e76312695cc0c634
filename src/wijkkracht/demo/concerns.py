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
