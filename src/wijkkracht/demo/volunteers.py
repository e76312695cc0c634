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
from wijkkracht.volunteers.constants import SLOTS, TagKind, VolunteerStatus
from wijkkracht.volunteers.models import StopReason, Tag, Volunteer

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
        Person.objects.filter(synthetic=True, user__isnull=True, neighbourhood__district=home.district)
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
    return f"volunteers: {made} created"
