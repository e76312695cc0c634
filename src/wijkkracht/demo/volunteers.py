"""Volunteers in the demo: the demo volunteer (Vera) active at the home centre, and synthetic residents of the
home district as volunteers in every state (marked synthetic through their Person). Idempotent (a person who is
a volunteer already is skipped); written through the services and the workflow with the demo professional as
the actor."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.models import User
from wijkkracht.people.models import Person
from wijkkracht.places.models import CommunityCentre, District
from wijkkracht.volunteers import services
from wijkkracht.volunteers.constants import SLOTS, ApplicationChannel, TagKind, VacancyPlace, VolunteerStatus
from wijkkracht.volunteers.models import Certificate, StopReason, Tag, Vacancy, Volunteer

from .seed import DEMO_DOMAIN, HOME_CENTRE, SEED

S = VolunteerStatus
# How many synthetic volunteers of the home district end up in each state.
STATES = [(S.REGISTERED, 4), (S.INTAKE, 3), (S.ACTIVE, 12), (S.PAUSED, 2), (S.STOPPED, 3)]


def _login(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _walk(volunteer: Volunteer, target: str, professional: User, reason: StopReason, today: datetime.date) -> None:
    if target == S.REGISTERED:
        return
    services.volunteer_move(volunteer=volunteer, actor=professional, to=S.INTAKE)
    if target == S.INTAKE:
        return
    if target == S.STOPPED:
        services.volunteer_stop(volunteer=volunteer, actor=professional, reason=reason, note="")
        return
    services.volunteer_move(volunteer=volunteer, actor=professional, to=S.ACTIVE)
    if target == S.PAUSED:
        services.volunteer_pause(volunteer=volunteer, actor=professional, until=today + datetime.timedelta(days=20))


@transaction.atomic
def ensure_volunteers() -> str:
    rng = random.Random(SEED)
    today = timezone.localdate()
    professional = _login("beroepskracht")
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    skills = list(Tag.objects.filter(kind=TagKind.SKILL, active=True))
    interests = list(Tag.objects.filter(kind=TagKind.INTEREST, active=True))
    reasons = list(StopReason.objects.filter(active=True))
    if not reasons:
        return "volunteers: no reasons for stopping (migration volunteers 0002 not applied?)"
    made = 0
    vera = _login("vrijwilliger").person
    if not Volunteer.objects.filter(person=vera).exists():
        volunteer = services.volunteer_register(
            person=vera,
            actor=None,
            centres=[home],
            work_districts=[home.district],
            skills=skills[:2],
            interests=interests[:2],
            availability=["tue_afternoon", "thu_evening"],
            max_hours_per_week=4,
            motivation="Ik woon hier al lang en wil iets terugdoen voor de buurt.",
        )
        _walk(volunteer, S.ACTIVE, professional, reasons[0], today)
        made += 1
    people = list(
        # Adults only: a scale database holds synthetic children too, and the demo's young volunteer is made
        # on purpose elsewhere (with a guardian's consent).
        Person.objects.filter(synthetic=True, user__isnull=True, neighbourhood__district=home.district)
        .exclude(birth_year__gt=today.year - 18)
        .order_by("-public_id")
        .select_related("neighbourhood")[: sum(n for _state, n in STATES)]
    )
    targets = [state for state, n in STATES for _ in range(n)]
    others = list(District.objects.exclude(pk=home.district_id).order_by("cbs_code")[:3])
    for index, (person, target) in enumerate(zip(people, targets, strict=False)):
        # Draw for every person, also existing volunteers, so the n-th volunteer is always the same.
        chosen_skills = rng.sample(skills, k=min(len(skills), rng.randint(1, 3)))
        chosen_interests = rng.sample(interests, k=min(len(interests), rng.randint(0, 2)))
        slots = sorted(rng.sample(SLOTS, k=rng.randint(2, 6)), key=SLOTS.index)
        hours = rng.choice([2, 3, 4, 4, 6, 8])
        if Volunteer.objects.filter(person=person).exists():
            continue
        volunteer = services.volunteer_register(
            person=person,
            actor=professional,
            centres=[home],
            work_districts=[home.district, *others[: index % 3]],
            skills=chosen_skills,
            interests=chosen_interests,
            availability=slots,
            max_hours_per_week=hours,
        )
        _walk(volunteer, target, professional, reasons[index % len(reasons)], today)
        made += 1
    certificates = ensure_certificates(professional, home, today)
    return f"volunteers: {made} created; {certificates}; {ensure_vacancies(professional, home)}"


def ensure_certificates(professional: User, home: CommunityCentre, today: datetime.date) -> str:
    """A VOG for every other active volunteer of the home centre; one lapses within two months."""
    made = 0
    active = Volunteer.objects.filter(status=S.ACTIVE, centres=home).order_by("public_id")
    for index, volunteer in enumerate(active):
        if index % 2 or Certificate.objects.filter(volunteer=volunteer).exists():
            continue
        issued = today - datetime.timedelta(days=3 * 365 - 40) if index == 0 else today - datetime.timedelta(days=90)
        services.certificate_record(volunteer=volunteer, actor=professional, kind="vog", issued_on=issued)
        made += 1
    return f"{made} VOGs"


# (title, place, activity, skill names, VOG, slots, hours, places)
VACANCIES = [
    ("Gastvrouw of gastheer koffieochtend", VacancyPlace.ACTIVITY, "Koffieochtend op dinsdag",
     ["Gastvrouw of gastheer"], False, ["tue_morning"], 3, 2),
    ("Kok voor de buurtmaaltijd", VacancyPlace.CENTRE, "", ["Koken"], True, ["thu_afternoon", "thu_evening"], 4, 2),
    ("Taalmaatje", VacancyPlace.DISTRICT, "", ["Taalles geven", "Gesprekken voeren"], False, ["wed_evening"], 2, 3),
    ("Chauffeur boodschappenbus", VacancyPlace.HELP_SERVICE, "", ["Autorijden"], True, ["fri_morning"], 3, 1),
    ("Klusser repair café", VacancyPlace.ACTIVITY, "Repair café", ["Klussen"], False, ["sat_morning"], 3, 2),
]  # fmt: skip


def ensure_vacancies(professional: User, home: CommunityCentre) -> str:
    """Open vacancies at the home centre and in its district, with reactions in several states."""
    if Vacancy.objects.filter(title=VACANCIES[0][0]).exists():
        return "vacancies: 0 created"
    tags = {t.name: t for t in Tag.objects.filter(kind=TagKind.SKILL)}
    made = []
    for title, place, activity, skills, vog, slots, hours, places in VACANCIES:
        made.append(
            services.vacancy_save(
                actor=professional,
                title=title,
                description=f"{title}: samen met andere vrijwilligers, begeleid door de beroepskracht.",
                place=place,
                activity_name=activity,
                centre=home,  # also the district and help-service roles: organised from the home centre
                district=home.district,
                skills=[tags[name] for name in skills if name in tags],
                vog_required=vog,
                slots=slots,
                hours_per_week=hours,
                places=places,
                requirements="Betrouwbaar en vriendelijk.",
            )
        )
    # Reactions: on the web without an account, by phone, accepted, declined and withdrawn.
    coffee, cook, language = made[0], made[1], made[2]
    services.application_submit(vacancy=coffee, actor=None, name="Sanne (voorbeeld)", phone="06 0000 9001")
    services.application_submit(
        vacancy=language, actor=professional, name="Henk (voorbeeld)", phone="06 0000 9002",
        channel=ApplicationChannel.PHONE,
    )  # fmt: skip
    active = list(Volunteer.objects.filter(status=S.ACTIVE, centres=home).select_related("person")[:3])
    for volunteer, (vacancy, outcome) in zip(
        active, [(coffee, "accept"), (language, "decline"), (coffee, "withdraw")], strict=False
    ):
        application = services.application_submit(
            vacancy=vacancy, actor=professional, phone="06 0000 9003", channel=ApplicationChannel.DESK,
            person=volunteer.person,
        )  # fmt: skip
        if outcome == "accept":
            services.application_accept(application=application, actor=professional)
        elif outcome == "decline":
            services.application_decline(application=application, actor=professional, reason="Alle plaatsen vergeven.")
        else:
            services.application_withdraw(application=application, actor=professional)
    del cook
    return f"vacancies: {len(made)} created"
