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
    young = ensure_young(professional, home, today)
    certificates = ensure_certificates(professional, home, today)
    vacancies = ensure_vacancies(professional, home)
    return (
        f"volunteers: {made} created; {certificates}; {vacancies}; {young}; "
        f"{ensure_hours_and_milestones(professional, today)}"
    )


def ensure_young(professional: User, home: CommunityCentre, today: datetime.date) -> str:
    """A young volunteer (16, for the 15–55 policy) registered at the desk, with a parent's consent recorded,
    active, with approved hours for the school statement."""
    from wijkkracht.people.models import Channel
    from wijkkracht.people.services import person_register_at_desk

    from .seed import demo_uuid

    public_id = demo_uuid("young-volunteer", 1)
    person = Person.objects.filter(public_id=public_id).first()
    if person is None:
        neighbourhood = home.district.neighbourhoods.order_by("cbs_code").first()
        person = person_register_at_desk(
            data={
                "first_name": "Noor",
                "last_name": "(voorbeeld)",
                "birth_year": today.year - 16,
                "neighbourhood": neighbourhood,
                "channel": Channel.DESK,
            },
            actor=professional,
            public_id=public_id,
            synthetic=True,
        )
    if Volunteer.objects.filter(person=person).exists():
        return "young volunteer: 0 created"
    young = services.volunteer_register(
        person=person, actor=professional, centres=[home], work_districts=[home.district],
        availability=["wed_afternoon", "sat_morning"], max_hours_per_week=3,
        motivation="Voor mijn maatschappelijke stage, en omdat ik het leuk vind.",
    )  # fmt: skip
    services.volunteer_move(volunteer=young, actor=professional, to=S.INTAKE)
    services.volunteer_record_guardian_consent(
        volunteer=young, actor=professional, guardian_name="Moeder van Noor (voorbeeld)",
        given_on=today - datetime.timedelta(days=30),
    )  # fmt: skip
    services.volunteer_move(volunteer=young, actor=professional, to=S.ACTIVE)
    return "young volunteer: 1 created, with consent"


def ensure_hours_and_milestones(professional: User, today: datetime.date) -> str:
    """Vera has given time every week for half a year (over 50 approved hours: a milestone); the young
    volunteer a few afternoons (the statement for school). Then the milestones job."""
    from wijkkracht.volunteers.models import HoursEntry

    from .seed import demo_uuid

    made = 0
    vera_user = _login("vrijwilliger")
    vera = Volunteer.objects.filter(person=vera_user.person).first()
    if vera is not None and not HoursEntry.objects.filter(volunteer=vera, description="Koffie en bar").exists():
        for week in range(1, 27):
            entry = services.hours_log(
                volunteer=vera, actor=vera_user, date=today - datetime.timedelta(weeks=week), hours=2,
                description="Koffie en bar",
            )  # fmt: skip
            services.hours_decide(entry=entry, actor=professional, approve=True)
            made += 1
    young = Volunteer.objects.filter(person__public_id=demo_uuid("young-volunteer", 1)).first()
    if young is not None and not HoursEntry.objects.filter(volunteer=young).exists():
        for week in range(1, 6):
            made += _young_hours(young, professional, today - datetime.timedelta(weeks=week))
    return f"hours: {made} approved; milestones: {services.recognition_update(today=today)} new"


def _young_hours(young: Volunteer, professional: User, day: datetime.date) -> int:
    """Approved hours for the young volunteer, through the services: the system writes them (actor None, as a
    job importing a paper list would) and the professional approves."""
    entry = services.hours_log(volunteer=young, actor=None, date=day, hours=3, description="Spelletjesmiddag")
    services.hours_decide(entry=entry, actor=professional, approve=True)
    return 1


@transaction.atomic
def ensure_volunteer_shifts() -> str:
    today = timezone.localdate()
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    return ensure_shifts(_login("beroepskracht"), home, today)


def ensure_shifts(professional: User, home: CommunityCentre, today: datetime.date) -> str:
    """Shifts this week and the next three at the home centre: a weekly bar slot with two places (Vera has
    one each week), a stand-in asked by another volunteer (Vera sees 'Wie valt in?'), and shifts at the home
    centre's sessions this week."""
    from wijkkracht.activities.constants import SessionStatus
    from wijkkracht.activities.models import Session
    from wijkkracht.volunteers import shift_services
    from wijkkracht.volunteers.models import Shift

    if Shift.objects.filter(title="Bar in het wijkcentrum", centre=home).exists():
        return "shifts: 0 planned"
    vera = Volunteer.objects.filter(person__user__email=f"vrijwilliger@{DEMO_DOMAIN}").first()
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(13, 30), tzinfo=tz)
    made = shift_services.shift_plan(
        actor=professional, title="Bar in het wijkcentrum", centre=home, starts_at=start,
        ends_at=start + datetime.timedelta(hours=3), places=2, weeks=4, volunteer=vera,
    )  # fmt: skip
    others = list(
        Volunteer.objects.filter(status=S.ACTIVE, centres=home, person__birth_year__lte=today.year - 19)
        .exclude(pk=getattr(vera, "pk", None))
        .order_by("public_id")[:2]
    )
    if others:
        second = made[1]  # the open place of the first week
        shift_services.shift_assign(shift=second, volunteer=others[0], actor=professional)
        shift_services.stand_in_ask(shift=second, actor=professional, note="Kan deze week niet (voorbeeld).")
    sessions = list(
        Session.objects.filter(
            activity__centre=home,
            starts_at__gt=timezone.now(),
            starts_at__lt=timezone.now() + datetime.timedelta(days=7),
        )
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at")[:2]
    )
    for session in sessions:
        made += shift_services.shift_plan(actor=professional, session=session, places=1)
    return f"shifts: {len(made)} planned"


def ensure_certificates(professional: User, home: CommunityCentre, today: datetime.date) -> str:
    """A VOG for every other active volunteer of the home centre; one lapses within two months."""
    made = 0
    if Certificate.objects.filter(volunteer__centres=home).exists():
        # Done on an earlier run: the helpers the support demo adds later would shift the every-other choice.
        return f"{made} VOGs"
    active = (
        Volunteer.objects.filter(status=S.ACTIVE, centres=home)
        .exclude(person__synthetic=True, person__birth_year__gt=today.year - 19)
        .order_by("public_id")
    )
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


# --- benchmark scale (bulk: benchmark data, not an audited trail; see docs/architecture.md "Demo and docs") ---

SCALE_VACANCY = "Gastvrouw of gastheer (schaal)"
SCALE_SHIFT = "Bar in het wijkcentrum (schaal)"
SCALE_HOURS = "Vrijwilligerswerk (schaal)"


def seed_volunteer_scale(*, using: str = "default") -> dict:
    """The scale's volunteers (made by support's scale seed) get their centre and district, five years of
    history (signed up, active from, some stopped), vacancies at every centre, weekly shifts for the past year
    and the coming four weeks, monthly approved hours since they became active, and their milestones.
    Deterministic; idempotent (a second run adds none)."""
    from wijkkracht.volunteers.models import HoursEntry, Shift, Vacancy, Volunteer

    from .scale import BATCH, SCALE_DOMAIN

    rng = random.Random(SEED + 20)
    today = timezone.localdate()
    counts = {"volunteers": 0, "vacancies": 0, "shifts": 0, "hours": 0, "milestones": 0}
    scale = Volunteer.objects.using(using).filter(person__user__email__endswith="@" + SCALE_DOMAIN)
    done = HoursEntry.objects.using(using).filter(description=SCALE_HOURS)
    if Vacancy.objects.using(using).filter(title=SCALE_VACANCY).exists() or done.exists():
        return counts
    centres_by_district: dict[int, list[CommunityCentre]] = {}
    for centre in CommunityCentre.objects.using(using).order_by("pk"):
        centres_by_district.setdefault(centre.district_id, []).append(centre)
    reason = StopReason.objects.using(using).order_by("order", "pk").first()
    rows = list(
        scale.filter(centres__isnull=True, districts__isnull=True)
        .select_related("person__neighbourhood")
        .order_by("pk")
    )
    CT, DT, WT = Volunteer.centres.through, Volunteer.districts.through, Volunteer.work_districts.through
    centre_links, district_links, work_links = [], [], []
    members: dict[int, list[int]] = {}
    centre_of: dict[int, int] = {}
    tz = timezone.get_current_timezone()
    for volunteer in rows:
        district_id = volunteer.person.neighbourhood.district_id if volunteer.person.neighbourhood_id else None
        if district_id is None:
            continue
        centres = centres_by_district.get(district_id) or []
        if centres:
            centre = centres[volunteer.pk % len(centres)]
            centre_links.append(CT(volunteer_id=volunteer.pk, communitycentre_id=centre.pk))
            centre_of[volunteer.pk] = centre.pk
            members.setdefault(centre.pk, []).append(volunteer.pk)
        else:
            district_links.append(DT(volunteer_id=volunteer.pk, district_id=district_id))
        work_links.append(WT(volunteer_id=volunteer.pk, district_id=district_id))
        registered = today - datetime.timedelta(days=rng.randint(0, 5 * 365))
        volunteer.registered_at = datetime.datetime.combine(registered, datetime.time(10), tzinfo=tz)
        activated = registered + datetime.timedelta(days=rng.randint(7, 60))
        volunteer.activated_on = activated if activated <= today and rng.random() < 0.85 else None
        volunteer.status = VolunteerStatus.ACTIVE if volunteer.activated_on else VolunteerStatus.REGISTERED
        if volunteer.activated_on and rng.random() < 0.3 and reason is not None:
            stopped = activated + datetime.timedelta(days=rng.randint(60, 900))
            if stopped < today:
                volunteer.status, volunteer.stopped_on, volunteer.stop_reason = VolunteerStatus.STOPPED, stopped, reason
    for model, links in ((CT, centre_links), (DT, district_links), (WT, work_links)):
        model.objects.using(using).bulk_create(links, batch_size=BATCH)
    Volunteer.objects.using(using).bulk_update(
        rows, ["registered_at", "activated_on", "status", "stopped_on", "stop_reason"], batch_size=BATCH
    )
    counts["volunteers"] = len(rows)

    vacancies = []
    for district_centres in centres_by_district.values():
        for centre in district_centres:
            for title, hours in ((SCALE_VACANCY, 3), ("Taalmaatje (schaal)", 2), ("Klusser (schaal)", 4)):
                vacancies.append(
                    Vacancy(
                        title=title,
                        description="Synthetische vacature voor de benchmark.",
                        place="centre",
                        centre=centre,
                        district_id=centre.district_id,
                        slots=["tue_morning", "thu_afternoon"],
                        hours_per_week=hours,
                        places=3,
                    )
                )
    Vacancy.objects.using(using).bulk_create(vacancies, batch_size=BATCH)
    counts["vacancies"] = len(vacancies)

    # Weekly shifts: two a week at every centre for the past year and the coming four weeks.
    monday = today - datetime.timedelta(days=today.weekday())
    shifts = []
    for centre in (c for cs in centres_by_district.values() for c in cs):
        centre_id, staff = centre.pk, members.get(centre.pk, [])
        for week in range(-52, 4):
            for day, hour in ((1, 10), (3, 14)):
                start = datetime.datetime.combine(
                    monday + datetime.timedelta(weeks=week, days=day), datetime.time(hour), tzinfo=tz
                )
                helper = staff[rng.randrange(len(staff))] if staff and rng.random() < 0.8 else None
                shifts.append(
                    Shift(
                        title=SCALE_SHIFT,
                        centre_id=centre_id,
                        district_id=centre.district_id,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=3),
                        volunteer_id=helper,
                    )
                )
    Shift.objects.using(using).bulk_create(shifts, batch_size=BATCH)
    counts["shifts"] = len(shifts)

    # Five years of hours: one approved entry a month from becoming active until stopping (the last month
    # still waiting for approval).
    entries = []
    for volunteer in rows:
        if volunteer.activated_on is None:
            continue
        end = volunteer.stopped_on or today
        day = volunteer.activated_on + datetime.timedelta(days=rng.randint(1, 27))
        centre_id = centre_of.get(volunteer.pk)
        district_id = volunteer.person.neighbourhood.district_id
        while day <= end:
            entries.append(
                HoursEntry(
                    volunteer_id=volunteer.pk,
                    date=day,
                    hours=rng.choice([2, 2, 3, 4, 6]),
                    centre_id=centre_id,
                    district_id=district_id,
                    description=SCALE_HOURS,
                    status="approved" if (today - day).days > 30 else "submitted",
                )
            )
            day += datetime.timedelta(days=rng.randint(25, 35))
        if len(entries) >= BATCH:
            HoursEntry.objects.using(using).bulk_create(entries)
            counts["hours"] += len(entries)
            entries = []
    HoursEntry.objects.using(using).bulk_create(entries)
    counts["hours"] += len(entries)
    if using == "default":
        counts["milestones"] = services.recognition_update(today=today)
    return counts
