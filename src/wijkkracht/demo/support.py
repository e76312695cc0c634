"""Help requests in the demo: one in every state in the demo professional's district, asked online (one by the
demo resident Ria, with her account) or noted by the professional by phone, at the desk or on a home visit.
All synthetic and marked as such. Idempotent (found by the made-up name); written through the services and the
workflow with the demo professional as the actor."""

from __future__ import annotations

from django.db import transaction

from wijkkracht.accounts.models import User
from wijkkracht.places.models import CommunityCentre
from wijkkracht.support import services
from wijkkracht.support.constants import Channel, Outcome
from wijkkracht.support.constants import RequestStatus as S
from wijkkracht.support.models import HelpRequest

from .seed import DEMO_DOMAIN, HOME_CENTRE

# (made-up name, channel, category, what, urgency, vulnerable, the moves after asking, outcome when closed)
REQUESTS = [
    (
        "Ria de Vries",
        Channel.ONLINE,
        "shopping",
        "Ik kan na mijn heupoperatie een paar weken geen boodschappen doen.",
        "high",
        False,
        [],
        "",
    ),
    (
        "Demo: meneer Yilmaz",
        Channel.PHONE,
        "paperwork",
        "Hulp bij een brief van de gemeente over de huurtoeslag.",
        "normal",
        True,
        [S.INTAKE],
        "",
    ),
    (
        "Demo: mevrouw Bos",
        Channel.DESK,
        "company",
        "Voelt zich alleen sinds haar man is overleden; wil graag aanspraak.",
        "low",
        True,
        [S.INTAKE, S.MATCHING],
        "",
    ),
    (
        "Demo: Sanne Peters",
        Channel.ONLINE,
        "digital",
        "Wie leert mij videobellen met mijn kleinkinderen?",
        "low",
        False,
        [S.MATCHING, S.MATCHED],
        "",
    ),
    (
        "Demo: meneer De Jong",
        Channel.HOME_VISIT,
        "transport",
        "Elke dinsdag een lift naar de fysiotherapeut.",
        "normal",
        True,
        [S.INTAKE, S.MATCHING, S.MATCHED, S.IN_PROGRESS],
        "",
    ),
    (
        "Demo: Fatima El Amrani",
        Channel.PHONE,
        "small_jobs",
        "Een lamp ophangen en een kastje in elkaar zetten.",
        "normal",
        False,
        [S.INTAKE, S.WAITING],
        "",
    ),
    (
        "Demo: mevrouw Visser",
        Channel.ONLINE,
        "shopping",
        "Boodschappen zolang mijn arm in het gips zit.",
        "high",
        False,
        [S.MATCHING, S.MATCHED, S.IN_PROGRESS, S.CLOSED],
        Outcome.RESOLVED,
    ),
    (
        "Demo: meneer Kramer",
        Channel.DESK,
        "paperwork",
        "Hulp bij het aanvragen van huishoudelijke hulp.",
        "normal",
        True,
        [S.INTAKE, S.CLOSED],
        Outcome.REFERRED,
    ),
    (
        "Demo: Jan Smit",
        Channel.ONLINE,
        "other",
        "Iemand om mee te wandelen.",
        "low",
        False,
        [S.MATCHING, S.MATCHED, S.IN_PROGRESS, S.CLOSED, S.REOPENED],
        Outcome.RESOLVED,
    ),
]
REASONS = {
    S.MATCHED: "Een buurman uit de straat helpt (eigen netwerk).",
    S.WAITING: "Bewoner belt terug als de kast er is.",
    S.REOPENED: "De wandelmaatje is verhuisd; de bewoner vraagt opnieuw.",
    S.CLOSED: "Afgerond.",
}
PHONE = "020 555 01 %02d"
# The intake of some requests: the question behind the question, own strength, the ladder tried, a referral.
INTAKES = {
    "Demo: meneer Yilmaz": {
        "underlying_need": "Hij is bang zijn huis te verliezen; de brief gaat eigenlijk over een betalingsachterstand.",
        "own_strength": "Leest Nederlands, maar begrijpt ambtelijke taal niet.",
        "ladder": [("own_strength", "partly", "Kan zelf bellen als hij weet wat hij moet zeggen.")],
    },
    "Demo: mevrouw Bos": {
        "underlying_need": "Eenzaamheid na het overlijden van haar man.",
        "own_strength": "Loopt nog goed, kookt graag.",
        "contacts": [("Demo: dochter Ellen", "family", "Komt één keer per maand; woont ver weg.", "no")],
        "ladder": [
            ("own_network", "not_possible", "Dochter woont te ver weg."),
            ("general_provision", "partly", "Maaltijd op woensdag in het wijkcentrum."),
        ],
    },
    "Demo: meneer Kramer": {
        "underlying_need": "Redt het huishouden niet meer alleen na een beroerte.",
        "own_strength": "Kan zelf boodschappen bestellen.",
        "ladder": [
            ("own_network", "not_possible", "Geen familie in de buurt."),
            ("neighbour_volunteer", "not_possible", "Huishoudelijke hulp is geen vrijwilligerswerk."),
        ],
        "referral": ("wmo_desk", "Huishoudelijke ondersteuning nodig; eigen netwerk en vrijwilligers schieten tekort."),
    },
}


def _login(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO_DOMAIN}")


@transaction.atomic
def ensure_help_requests() -> str:
    professional, resident = _login("beroepskracht"), _login("bewoner")
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    neighbourhoods = list(home.district.neighbourhoods.order_by("cbs_code"))
    made = 0
    for index, (name, channel, category, what, urgency, vulnerable, moves, outcome) in enumerate(REQUESTS):
        if HelpRequest.objects.filter(synthetic=True, contact_name=name, district=home.district).exists():
            continue
        data = {
            "contact_name": name,
            "contact_phone": PHONE % index,
            "category": category,
            "what": what,
            "urgency": urgency,
            "consent_share": True,
            "synthetic": True,
        }
        if channel == Channel.ONLINE and name == "Ria de Vries":
            help_request = services.help_request_ask(
                actor=resident, neighbourhood=resident.person.neighbourhood or neighbourhoods[0], **data
            )
        elif channel == Channel.ONLINE:
            help_request = services.help_request_ask(
                actor=None, neighbourhood=neighbourhoods[index % len(neighbourhoods)], **data
            )
        else:
            help_request = services.help_request_take(
                actor=professional,
                neighbourhood=neighbourhoods[index % len(neighbourhoods)],
                channel=channel,
                vulnerable=vulnerable,
                **data,
            )
        made += 1
        _intake(help_request, professional, INTAKES.get(name, {}))
        for to in moves:
            reason = REASONS.get(to, "")
            if to == S.CLOSED:
                services.help_request_close(
                    help_request=help_request, actor=professional, outcome=outcome, reason=reason
                )
            elif to == S.REOPENED:
                services.help_request_reopen(help_request=help_request, actor=professional, reason=reason)
            else:
                services.help_request_move(help_request=help_request, actor=professional, to=to, reason=reason)
    return f"help requests: {made} created"


def _intake(help_request: HelpRequest, professional: User, intake: dict) -> None:
    if not intake:
        return
    services.help_request_intake_save(
        help_request=help_request,
        actor=professional,
        underlying_need=intake["underlying_need"],
        own_strength=intake["own_strength"],
    )
    for contact_name, relation, could_help_with, answer in intake.get("contacts", []):
        contact = services.network_contact_add(
            help_request=help_request,
            actor=professional,
            name=contact_name,
            relation=relation,
            could_help_with=could_help_with,
            consent=True,
        )
        services.network_contact_answer(contact=contact, actor=professional, answer=answer)
    for rung, result, note in intake.get("ladder", []):
        services.ladder_step_record(help_request=help_request, actor=professional, rung=rung, result=result, note=note)
    if "referral" in intake:
        to, reason = intake["referral"]
        services.referral_record(help_request=help_request, actor=professional, to=to, reason=reason)
