"""Benchmark data at a named scale, on top of the demo data set. Deterministic and fast (bulk_create).

Row i is the same person at every scale (one random stream, a fixed number of draws per row), so 10x is a
superset of amstelveen. Generated accounts get an unusable password (no hashing cost); the demo logins of
seed_demo are the accounts that can log in.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership, User
from wijkkracht.people.models import Person
from wijkkracht.places.models import Neighbourhood

from . import seed

BATCH = 5_000
SCALE_DOMAIN = "scale.wijkkracht.example"


@dataclass(frozen=True)
class Scale:
    name: str
    people: int
    residents_with_account: int  # the first row of every three, up to this many
    volunteers: int
    # Centre life: five years of weekly activities' sessions and their visits (demo.activities.seed_activity_scale).
    sessions_per_year: int
    visits_per_year: int
    years: int = 5
    # Councils: past plans per council (one a year), and assignments a year per council.
    council_history_years: int = 5
    assignments_per_council_year: int = 40


SCALES = {
    "amstelveen": Scale("amstelveen", 15_000, 5_000, 1_000, 15_000, 200_000),
    "10x": Scale(
        "10x", 150_000, 50_000, 10_000, 150_000, 2_000_000, council_history_years=10, assignments_per_council_year=400
    ),
}


def _uuid(i: int) -> uuid.UUID:
    return uuid.uuid5(seed.DEMO_NAMESPACE, f"scale-person:{i}")


def _email(i: int) -> str:
    return f"p{i:06d}@{SCALE_DOMAIN}"


def _role(i: int, scale: Scale) -> str | None:
    """Rows 0, 3, 6, … are residents with an account; rows 1, 4, 7, … volunteers (until each quota is full)."""
    if i % 3 == 0 and i // 3 < scale.residents_with_account:
        return Role.RESIDENT
    if i % 3 == 1 and i // 3 < scale.volunteers:
        return Role.VOLUNTEER
    return None


def is_seeded(scale: Scale, using: str = "default") -> bool:
    last = scale.people - 1
    return Person.objects.using(using).filter(public_id=_uuid(last)).exists()


def _chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _seed_councils(scale: Scale, using: str, log) -> None:
    from .councils import seed_council_scale

    with transaction.atomic(using=using):
        counts = seed_council_scale(
            history_years=scale.council_history_years,
            assignments_per_council_year=scale.assignments_per_council_year,
            using=using,
        )
    log(f"scale {scale.name}: councils' history " + ", ".join(f"{v} {k}" for k, v in counts.items()))


def _seed_support(scale: Scale, using: str, log) -> None:
    from .support import seed_support_scale

    with transaction.atomic(using=using):
        counts = seed_support_scale(people=scale.people, using=using)
    log(f"scale {scale.name}: support " + ", ".join(f"{v} {k}" for k, v in counts.items()))


def _seed_concerns(scale: Scale, using: str, log) -> None:
    from .concerns import seed_concern_scale

    with transaction.atomic(using=using):
        counts = seed_concern_scale(people=scale.people, using=using)
    log(f"scale {scale.name}: concerns " + ", ".join(f"{v} {k}" for k, v in counts.items()))


def _seed_activities(scale: Scale, using: str, log) -> None:
    from .activities import seed_activity_scale

    with transaction.atomic(using=using):
        seed_activity_scale(
            sessions_per_year=scale.sessions_per_year,
            visits_per_year=scale.visits_per_year,
            years=scale.years,
            using=using,
            log=log,
        )


def _seed_volunteers(scale: Scale, using: str, log) -> None:
    from .volunteers import seed_volunteer_scale

    with transaction.atomic(using=using):
        counts = seed_volunteer_scale(using=using)
    log(f"scale {scale.name}: volunteers " + ", ".join(f"{v} {k}" for k, v in counts.items()))


def seed_scale(scale: Scale, *, using: str = "default", log=print) -> dict:
    if is_seeded(scale, using):
        log(f"scale {scale.name}: already seeded")
        _seed_councils(scale, using, log)
        _seed_support(scale, using, log)
        _seed_concerns(scale, using, log)
        _seed_activities(scale, using, log)
        _seed_volunteers(scale, using, log)
        return {"people": 0, "users": 0, "memberships": 0}
    rng = random.Random(seed.SEED)
    neighbourhoods = list(
        Neighbourhood.objects.using(using)
        .filter(district__municipality__cbs_code=seed.MUNICIPALITY_CODE)
        .order_by("cbs_code")
    )
    weights = seed._neighbourhood_weights(neighbourhoods)
    cumulative = []
    running = 0
    for w in weights:
        running += w
        cumulative.append(running)
    year = timezone.localdate().year
    now = timezone.now()

    rows = []
    for i in range(scale.people):
        # Exactly the same draws for every row, whatever the scale.
        first, last = rng.choice(seed.FIRST_NAMES), rng.choice(seed.LAST_NAMES)
        neighbourhood = rng.choices(neighbourhoods, cum_weights=cumulative)[0]
        birth_year = seed._birth_year(rng, year)
        languages = rng.choice(seed.LANGUAGES)
        secret = rng.getrandbits(64)
        rows.append((i, first, last, neighbourhood, birth_year, languages, secret))

    with transaction.atomic(using=using):
        # Accounts.
        wanted = {_email(i): (i, secret) for i, *_, secret in rows if _role(i, scale)}
        have = set(User.objects.using(using).filter(email__endswith="@" + SCALE_DOMAIN).values_list("email", flat=True))
        users = [
            User(email=email, display_name="", password=f"{UNUSABLE_PASSWORD_PREFIX}{secret:016x}", date_joined=now)
            for email, (i, secret) in wanted.items()
            if email not in have
        ]
        for chunk in _chunks(users):
            User.objects.using(using).bulk_create(chunk)
        user_ids = dict(User.objects.using(using).filter(email__endswith="@" + SCALE_DOMAIN).values_list("email", "id"))

        # People.
        have_people = set(Person.objects.using(using).filter(synthetic=True).values_list("public_id", flat=True))
        people = []
        for i, first, last, neighbourhood, birth_year, languages, _secret in rows:
            public_id = _uuid(i)
            if public_id in have_people:
                continue
            people.append(
                Person(
                    public_id=public_id,
                    user_id=user_ids.get(_email(i)) if _role(i, scale) else None,
                    first_name=first,
                    last_name=last,
                    birth_year=birth_year,
                    neighbourhood=neighbourhood,
                    languages=languages,
                    consent_contact=i % 5 != 0,
                    synthetic=True,
                )
            )
        for chunk in _chunks(people):
            Person.objects.using(using).bulk_create(chunk)

        # Memberships (resident / volunteer: no scope; clean() is pure Python, no queries).
        have_memberships = set(
            Membership.objects.using(using)
            .filter(user__email__endswith="@" + SCALE_DOMAIN)
            .values_list("user_id", "role")
        )
        memberships = []
        for i, *_ in rows:
            role = _role(i, scale)
            if role and (user_ids[_email(i)], role) not in have_memberships:
                membership = Membership(user_id=user_ids[_email(i)], role=role, starts_on=now.date())
                membership.clean()
                memberships.append(membership)
        for chunk in _chunks(memberships):
            Membership.objects.using(using).bulk_create(chunk)

        _seed_councils(scale, using, log)
        _seed_support(scale, using, log)
        _seed_concerns(scale, using, log)
    _seed_activities(scale, using, log)
    _seed_volunteers(scale, using, log)

    counts = {"people": len(people), "users": len(users), "memberships": len(memberships)}
    log(
        f"scale {scale.name}: {counts['people']} people, {counts['users']} accounts, "
        f"{counts['memberships']} memberships created"
    )
    return counts
