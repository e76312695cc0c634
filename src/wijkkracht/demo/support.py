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
        [S.MATCHING],
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
        "Demo: mevrouw Jansen",
        Channel.PHONE,
        "shopping",
        "Boodschappen op vrijdag; ze kan niet meer met de tas lopen.",
        "normal",
        False,
        [S.INTAKE, S.MATCHING],
        "",
    ),
    (
        "Demo: meneer Hendriks",
        Channel.ONLINE,
        "small_jobs",
        "Een gordijnrail ophangen.",
        "low",
        False,
        [S.MATCHING],
        "",
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
# Matching, after the moves: the demo volunteer Vera is asked (she answers on "Hulp die ik geef"); the best helper
# says yes (the request has a helper); the best helper says no (the next is proposed to the professional); then
# "match all open requests" proposes helpers for the rest that look for one.
MATCHES = {
    "Demo: Sanne Peters": "ask_vera",
    "Demo: mevrouw Jansen": "accept",
    "Demo: meneer Hendriks": "decline",
}
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


# Neighbours who help (the help service): active volunteers of the home centre with the skills help requests ask
# for, registered through the volunteers' services when the demo has fewer than this many active volunteers.
HELPERS = [
    (["Autorijden", "Klussen"], ["mon_morning", "fri_morning", "fri_afternoon"], True),
    (["Computer en telefoon", "Administratie"], ["tue_evening", "wed_afternoon"], True),
    (["Gesprekken voeren", "Koken"], ["wed_morning", "thu_afternoon"], False),
    (["Klussen", "Fietsen"], ["sat_morning", "fri_morning"], False),
]


def ensure_helpers(professional: User, home: CommunityCentre) -> int:
    import datetime

    from django.utils import timezone

    from wijkkracht.people.models import Person
    from wijkkracht.volunteers import services as volunteers
    from wijkkracht.volunteers.constants import TagKind, VolunteerStatus
    from wijkkracht.volunteers.models import Tag, Volunteer

    today = timezone.localdate()
    active = Volunteer.objects.filter(status=VolunteerStatus.ACTIVE, centres=home).count()
    wanted = max(0, len(HELPERS) + 1 - active)
    people = list(
        Person.objects.filter(
            synthetic=True,
            user__isnull=True,
            volunteer__isnull=True,
            birth_year__lte=today.year - 25,
            neighbourhood__district__municipality_id=home.district.municipality_id,
        ).order_by("public_id")[:wanted]
    )
    tags = {t.name: t for t in Tag.objects.filter(kind=TagKind.SKILL)}
    made = 0
    for person, (skills, slots, vog) in zip(people, HELPERS, strict=False):
        volunteer = volunteers.volunteer_register(
            person=person,
            actor=professional,
            centres=[home],
            work_districts=[home.district],
            skills=[tags[name] for name in skills if name in tags],
            availability=slots,
            max_hours_per_week=6,
        )
        volunteers.volunteer_move(volunteer=volunteer, actor=professional, to=VolunteerStatus.INTAKE)
        volunteers.volunteer_move(volunteer=volunteer, actor=professional, to=VolunteerStatus.ACTIVE)
        if vog:
            volunteers.certificate_record(
                volunteer=volunteer, actor=professional, kind="vog", issued_on=today - datetime.timedelta(days=60)
            )
        made += 1
    return made


@transaction.atomic
def ensure_help_requests() -> str:
    professional, resident = _login("beroepskracht"), _login("bewoner")
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    helpers = ensure_helpers(professional, home)
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
        if name in MATCHES:
            _match(help_request, professional, MATCHES[name])
    proposals = services.match_propose_all(district=home.district, actor=professional) if made else []
    return f"help requests: {made} created, {helpers} helpers registered, {len(proposals)} helpers proposed"


def _match(help_request: HelpRequest, professional: User, plan: str) -> None:
    """Ask a helper through the services; the helper's answer is given by the demo (the system) for them."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from wijkkracht.support import ranking
    from wijkkracht.volunteers.models import Volunteer

    vera = Volunteer.objects.filter(person__user__email=f"vrijwilliger@{DEMO_DOMAIN}").first()
    ranked = [r.volunteer for r in ranking.ranked_helpers(help_request, today=timezone.localdate(), k=3)]
    choices = ([vera] if plan == "ask_vera" and vera is not None else []) + [v for v in ranked if v != vera]
    for volunteer in choices:
        try:
            match = services.match_offer(help_request=help_request, volunteer=volunteer, actor=professional)
        except ValidationError:
            continue
        if plan == "accept":
            services.match_accept(match=match, actor=None)
        elif plan == "decline":
            services.match_decline(match=match, actor=None)
        return


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


# ----------------------------------------------------------------------------------------------------------------
# Benchmark scale (seed_scale): written directly with bulk_create (docs/architecture.md, item 11), deterministic.

SCALE_YEARS = 5
SCALE_OPEN_DAYS = 90  # requests of the last 90 days are still open; older ones are closed
SCALE_DOMAIN_NOTE = "Scale: synthetische hulpvraag."


def seed_support_scale(*, people: int, using: str = "default") -> dict:
    """Volunteers for the scale's volunteer accounts, and help requests with their matches over five years:
    people // 7 requests a year (Amstelveen: about 2,100), the last 90 days open in every state, older ones
    closed (resolved, withdrawn, referred) and, after a year, anonymised. Idempotent: a second run adds none."""
    counts = {"volunteers": _scale_volunteers(using), "help_requests": 0, "matches": 0}
    if HelpRequest.objects.using(using).filter(public_id=_scale_uuid(people // 7 * SCALE_YEARS - 1)).exists():
        return counts
    counts.update(_scale_help_requests(people // 7, using))
    return counts


def _scale_uuid(i: int):
    import uuid

    from .seed import DEMO_NAMESPACE

    return uuid.uuid5(DEMO_NAMESPACE, f"scale-help-request:{i}")


def _scale_volunteers(using: str) -> int:
    import datetime
    import random

    from django.utils import timezone

    from wijkkracht.accounts.constants import Role
    from wijkkracht.people.models import Person
    from wijkkracht.volunteers.constants import SLOTS, TagKind, VolunteerStatus
    from wijkkracht.volunteers.models import Certificate, Tag, Volunteer

    from .scale import BATCH, SCALE_DOMAIN
    from .seed import SEED

    today = timezone.localdate()
    rng = random.Random(SEED + 10)
    people = list(
        Person.objects.using(using)
        .filter(
            user__email__endswith="@" + SCALE_DOMAIN,
            user__memberships__role=Role.VOLUNTEER,
            volunteer__isnull=True,
            birth_year__lte=today.year - 19,  # adults only: a minor needs a guardian's consent first
        )
        .order_by("pk")
        .values_list("pk", "languages")
    )
    if not people:
        return 0
    skills = list(Tag.objects.using(using).filter(kind=TagKind.SKILL).values_list("pk", flat=True))
    rows = [
        Volunteer(
            person_id=pk,
            status=VolunteerStatus.ACTIVE,
            availability=sorted(rng.sample(SLOTS, k=rng.randint(2, 6)), key=SLOTS.index),
            languages=languages or "",
            max_hours_per_week=rng.choice([2, 4, 4, 6, 8]),
        )
        for pk, languages in people
    ]
    for start in range(0, len(rows), BATCH):
        Volunteer.objects.using(using).bulk_create(rows[start : start + BATCH])
    made = dict(
        Volunteer.objects.using(using).filter(person_id__in=[pk for pk, _l in people]).values_list("person_id", "pk")
    )
    through, certificates = [], []
    for person_id, _languages in people:
        volunteer_id = made[person_id]
        for tag in rng.sample(skills, k=min(len(skills), rng.randint(1, 3))):
            through.append(Volunteer.skills.through(volunteer_id=volunteer_id, tag_id=tag))
        if rng.random() < 0.4:
            issued = today - datetime.timedelta(days=rng.randint(20, 1000))
            certificates.append(Certificate(volunteer_id=volunteer_id, kind="vog", issued_on=issued))
    Volunteer.skills.through.objects.using(using).bulk_create(through, batch_size=BATCH)
    Certificate.objects.using(using).bulk_create(certificates, batch_size=BATCH)
    return len(rows)


class _Dated:
    """Lets bulk_create keep the given created_at (auto_now_add would stamp every row with now)."""

    def __init__(self, model, name="created_at"):
        self.field = model._meta.get_field(name)

    def __enter__(self):
        self.field.auto_now_add = False

    def __exit__(self, *exc):
        self.field.auto_now_add = True


def _scale_help_requests(per_year: int, using: str) -> dict:
    import datetime
    import random

    from django.utils import timezone

    from wijkkracht.accounts.constants import Role
    from wijkkracht.accounts.models import Membership
    from wijkkracht.people.models import Person
    from wijkkracht.places.models import Neighbourhood
    from wijkkracht.support.constants import ANONYMISED, Category, MatchStatus, Urgency
    from wijkkracht.support.models import Match
    from wijkkracht.volunteers.models import Volunteer

    from .scale import BATCH, SCALE_DOMAIN
    from .seed import MUNICIPALITY_CODE, SEED

    rng = random.Random(SEED + 11)
    now = timezone.now()
    neighbourhoods = list(
        Neighbourhood.objects.using(using)
        .filter(district__municipality__cbs_code=MUNICIPALITY_CODE)
        .order_by("cbs_code")
        .values_list("pk", "district_id")
    )
    owners: dict[int, int] = {}
    for user_id, district_id, centre_district in (
        Membership.objects.using(using)
        .filter(role=Role.PROFESSIONAL)
        .order_by("pk")
        .values_list("user_id", "district_id", "centre__district_id")
    ):
        owners.setdefault(district_id or centre_district, user_id)
    residents = list(
        Person.objects.using(using)
        .filter(user__email__endswith="@" + SCALE_DOMAIN, user__memberships__role=Role.RESIDENT)
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    volunteers = list(
        Volunteer.objects.using(using).filter(status="active").order_by("pk").values_list("pk", flat=True)
    )
    categories = [c.value for c in Category]
    open_states = [S.NEW, S.INTAKE, S.MATCHING, S.MATCHING, S.MATCHED, S.IN_PROGRESS, S.WAITING]
    total = per_year * SCALE_YEARS
    requests, plans = [], []
    for i in range(total):
        age = datetime.timedelta(days=rng.uniform(0, 365 * SCALE_YEARS))
        created = now - age
        neighbourhood, district = rng.choice(neighbourhoods)
        vulnerable = rng.random() < 0.25
        person = rng.choice(residents) if residents and rng.random() < 0.3 else None
        is_open = age.days < SCALE_OPEN_DAYS
        status = rng.choice(open_states) if is_open else S.CLOSED
        outcome = "" if is_open else rng.choices(["resolved", "withdrawn", "referred"], weights=[70, 15, 15])[0]
        closed_at = None if is_open else created + datetime.timedelta(days=rng.randint(3, 60))
        anonymised = closed_at is not None and (now - closed_at).days > 365
        requests.append(
            HelpRequest(
                public_id=_scale_uuid(i),
                district_id=district,
                neighbourhood_id=neighbourhood,
                person_id=None if anonymised else person,
                contact_name=ANONYMISED if anonymised else f"Scale: bewoner {i}",
                contact_phone="" if anonymised else f"020 6{i % 100:02d} {i // 100 % 100:02d} {i % 97:02d}",
                channel=rng.choice(["online", "online", "phone", "desk", "home_visit"]),
                category=rng.choice(categories),
                what=ANONYMISED if anonymised else SCALE_DOMAIN_NOTE,
                urgency=rng.choice([Urgency.LOW, Urgency.NORMAL, Urgency.NORMAL, Urgency.HIGH]),
                vulnerable=vulnerable,
                consent_share=True,
                consent_given_at=created,
                status=status,
                outcome=outcome,
                owner_id=owners.get(district),
                intake_due_at=created + datetime.timedelta(days=4),
                match_due_at=created + datetime.timedelta(days=14),
                created_at=created,
                closed_at=closed_at,
                anonymised_at=now if anonymised else None,
                synthetic=True,
            )
        )
        plans.append((status, outcome, person))
    with _Dated(HelpRequest):
        for start in range(0, len(requests), BATCH):
            HelpRequest.objects.using(using).bulk_create(requests[start : start + BATCH])
    ids = dict(
        HelpRequest.objects.using(using)
        .filter(public_id__in=[r.public_id for r in requests])
        .values_list("public_id", "pk")
    )
    matches = []
    for request, (status, outcome, _person) in zip(requests, plans, strict=True):
        if not volunteers:
            break
        pk = ids[request.public_id]
        helped = status in (S.MATCHED, S.IN_PROGRESS) or (outcome == "resolved" and rng.random() < 0.8)
        if helped and rng.random() < 0.1:
            matches.append(Match(help_request_id=pk, volunteer_id=rng.choice(volunteers), status=MatchStatus.DECLINED))
        if helped:
            matches.append(Match(help_request_id=pk, volunteer_id=rng.choice(volunteers), status=MatchStatus.ACCEPTED))
        elif status == S.MATCHING and rng.random() < 0.3:
            matches.append(Match(help_request_id=pk, volunteer_id=rng.choice(volunteers), status=MatchStatus.OFFERED))
    Match.objects.using(using).bulk_create(matches, batch_size=BATCH)
    return {"help_requests": len(requests), "matches": len(matches)}
