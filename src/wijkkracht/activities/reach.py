"""Reach counted ahead of time, exactly.

Counting different people over a million visits cannot be done in the 50 ms a page has, so the answer is kept:

- `ReachedPerson`: one row per different person reached in a district in a year (a resident with an account by
  their Person, someone written down at the door by name and birth year, stored only as a hash), with the
  number of check-ins that reached them, their age band in that year and the neighbourhood they live in.
- `ReachCount`: per district, year, neighbourhood (blank: not known) and band, the number of those people and
  the visits counted at the door (head counts, no neighbourhood). The 15–55 policy band is a band of its own.

The services keep both up to date in the same transaction as each write: a check-in (`attendance_added`), its
undo (`attendance_removed`) and a head count (`visits_changed`). Rarer changes that move many rows at once (a
session called off or back on, an activity moved to another district, a person removed) rebuild the district's
year from the raw rows (`rebuild`); the nightly job rebuilds this year and last, so the kept counts always
equal a count from scratch (tests/activities/test_reach.py compares them)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Min, Sum
from django.db.models.functions import ExtractYear

from .constants import SessionStatus

# CBS bands by age (inclusive), in the order the reach page shows them after the policy band.
REACH_BANDS = (("0_15", 0, 14), ("15_25", 15, 24), ("25_45", 25, 44), ("45_65", 45, 64), ("65_plus", 65, 200))
POLICY_RANGE = (15, 54)
POLICY = "15_55"
UNKNOWN = "unknown"


def person_key(*, person_id: int | None, name: str, birth_year: int | None) -> str:
    """The same person gives the same key: a Person by id; a name written down, with its birth year, by the name
    in any case. Only a hash is kept (no names in the aggregate)."""
    raw = f"p:{person_id}" if person_id is not None else f"n:{' '.join(name.split()).casefold()}:{birth_year}"
    return hashlib.sha256(raw.encode()).hexdigest()


def band_of(year: int, birth_year: int | None) -> tuple[str, bool]:
    """(CBS band or 'unknown', within 15–55) of someone born in birth_year, in year."""
    if birth_year is None:
        return UNKNOWN, False
    age = year - birth_year
    band = next((b for b, low, high in REACH_BANDS if low <= age <= high), UNKNOWN)
    return band, POLICY_RANGE[0] <= age <= POLICY_RANGE[1]


def _bump(*, district_id: int, year: int, code: str, band: str, people: int = 0, visits: int = 0) -> None:
    from .models import ReachCount

    if not people and not visits:
        return
    where = {"district_id": district_id, "year": year, "neighbourhood_code": code, "band": band}
    changes = {"people": F("people") + people, "visits": F("visits") + visits}
    if ReachCount.objects.filter(**where).update(**changes):
        return
    try:
        with transaction.atomic():
            ReachCount.objects.create(**where, people=max(people, 0), visits=max(visits, 0))
    except IntegrityError:  # made at the same moment by another check-in: add to it
        ReachCount.objects.filter(**where).update(**changes)


def _count_person(district_id: int, year: int, code: str, band: str, policy: bool, delta: int) -> None:
    _bump(district_id=district_id, year=year, code=code, band=band, people=delta)
    if policy:
        _bump(district_id=district_id, year=year, code=code, band=POLICY, people=delta)


def _neighbourhood_code(person) -> str:
    if person is None or person.neighbourhood_id is None:
        return ""
    from wijkkracht.places.models import Neighbourhood

    return Neighbourhood.objects.filter(pk=person.neighbourhood_id).values_list("cbs_code", flat=True).first() or ""


def _place(session) -> tuple[int, int]:
    return session.activity.district_id, session.date.year


def attendance_added(attendance, session) -> None:
    """A check-in: a person reached for the first time this year in this district is counted once."""
    from .models import ReachedPerson

    if session.status != SessionStatus.SCHEDULED:
        return
    district_id, year = _place(session)
    key = person_key(person_id=attendance.person_id, name=attendance.name, birth_year=attendance.birth_year)
    where = {"district_id": district_id, "year": year, "key": key}
    if ReachedPerson.objects.filter(**where).update(attendances=F("attendances") + 1):
        return
    band, policy = band_of(year, attendance.birth_year)
    code = _neighbourhood_code(attendance.person)
    try:
        with transaction.atomic():
            ReachedPerson.objects.create(**where, band=band, policy=policy, neighbourhood_code=code, attendances=1)
    except IntegrityError:  # the same person checked in elsewhere at the same moment
        ReachedPerson.objects.filter(**where).update(attendances=F("attendances") + 1)
        return
    _count_person(district_id, year, code, band, policy, +1)


def attendance_removed(attendance, session) -> None:
    """A check-in taken back: the person is no longer reached when it was their only one this year."""
    from .models import ReachedPerson

    if session.status != SessionStatus.SCHEDULED:
        return
    district_id, year = _place(session)
    key = person_key(person_id=attendance.person_id, name=attendance.name, birth_year=attendance.birth_year)
    row = ReachedPerson.objects.select_for_update().filter(district_id=district_id, year=year, key=key).first()
    if row is None:
        return
    if row.attendances > 1:
        ReachedPerson.objects.filter(pk=row.pk).update(attendances=F("attendances") - 1)
        return
    row.delete()
    _count_person(district_id, year, row.neighbourhood_code, row.band, row.policy, -1)


def visits_changed(session, deltas: dict[str, int]) -> None:
    """A head count changed: add the difference per band to the visits."""
    if session.status != SessionStatus.SCHEDULED:
        return
    district_id, year = _place(session)
    for band, delta in deltas.items():
        _bump(district_id=district_id, year=year, code="", band=band, visits=delta)


def rebuild(*, district_ids: Iterable[int] | None = None, years: Iterable[int], using: str = "default") -> int:
    """Count the reach of these districts (None: all) in these years again from the raw rows, in bulk. Returns
    the number of different people counted. The nightly job and seed_scale use it; so do the rare writes that
    move many rows at once."""
    with transaction.atomic(using=using):
        return _rebuild(district_ids=district_ids, years=years, using=using)


def _rebuild(*, district_ids: Iterable[int] | None, years: Iterable[int], using: str) -> int:
    from .models import Attendance, HeadCount, ReachCount, ReachedPerson

    years = sorted(set(years))
    rows = ReachedPerson.objects.using(using).filter(year__in=years)
    counts = ReachCount.objects.using(using).filter(year__in=years)
    sessions = Attendance.objects.using(using).filter(
        session__date__year__in=years, session__status=SessionStatus.SCHEDULED
    )
    heads = HeadCount.objects.using(using).filter(
        session__date__year__in=years, session__status=SessionStatus.SCHEDULED
    )
    if district_ids is not None:
        ids = list(district_ids)
        rows, counts = rows.filter(district_id__in=ids), counts.filter(district_id__in=ids)
        sessions = sessions.filter(session__activity__district_id__in=ids)
        heads = heads.filter(session__activity__district_id__in=ids)
    # Only what is there is deleted: a write would start a new generation of the public page cache.
    if rows.exists():
        rows.delete()
    if counts.exists():
        counts.delete()
    # Grouped in the database first (one row per district, year and who), then merged by key in Python: a name
    # written twice in another case is one person.
    people: dict[tuple[int, int, str], list] = {}
    grouped_rows = (
        sessions.annotate(year=ExtractYear("session__date"))
        .values(
            "session__activity__district_id",
            "year",
            "person_id",
            "name",
            "birth_year",
            "person__neighbourhood__cbs_code",
        )
        .annotate(n=Count("pk"), first=Min("session__starts_at"))
        .values_list(
            "session__activity__district_id",
            "year",
            "person_id",
            "name",
            "birth_year",
            "person__neighbourhood__cbs_code",
            "n",
            "first",
        )
    )
    for district_id, year, person_id, name, birth_year, code, n, _first in sorted(grouped_rows, key=lambda r: r[7]):
        key = person_key(person_id=person_id, name=name, birth_year=birth_year)
        found = people.get((district_id, year, key))
        if found is None:
            people[(district_id, year, key)] = [birth_year, code or "", n]
        else:
            found[2] += n
    made = []
    tally: Counter = Counter()
    for (district_id, year, key), (birth_year, code, times) in people.items():
        band, policy = band_of(year, birth_year)
        made.append(
            ReachedPerson(
                district_id=district_id,
                year=year,
                key=key,
                band=band,
                policy=policy,
                neighbourhood_code=code,
                attendances=times,
            )
        )
        tally[(district_id, year, code, band, "people")] += 1
        if policy:
            tally[(district_id, year, code, POLICY, "people")] += 1
    ReachedPerson.objects.using(using).bulk_create(made, batch_size=5000)
    for district_id, day, band, total in (
        heads.values_list("session__activity__district_id", "session__date", "age_band")
        .annotate(n=Sum(F("new") + F("returning")))
        .values_list("session__activity__district_id", "session__date", "age_band", "n")
    ):
        tally[(district_id, day.year, "", band, "visits")] += total or 0
    grouped: dict[tuple, dict[str, int]] = {}
    for (district_id, year, code, band, what), n in tally.items():
        grouped.setdefault((district_id, year, code, band), {"people": 0, "visits": 0})[what] += n
    ReachCount.objects.using(using).bulk_create(
        [
            ReachCount(district_id=d, year=y, neighbourhood_code=c, band=b, people=v["people"], visits=v["visits"])
            for (d, y, c, b), v in grouped.items()
            if v["people"] or v["visits"]
        ],
        batch_size=5000,
    )
    return len(made)


def counts(*, district_id: int, year: int) -> dict:
    """What the reach page shows for a district and year, from the kept counts (one query): people per band
    and for 15–55, unknown ages, visits per band, and per neighbourhood code people per band and for 15–55."""
    from .models import ReachCount

    bands = {band: 0 for band, _low, _high in REACH_BANDS}
    visits = dict(bands)
    policy = unknown = 0
    per_neighbourhood: dict[str, dict[str, int]] = {}
    for code, band, people, seen in ReachCount.objects.filter(district_id=district_id, year=year).values_list(
        "neighbourhood_code", "band", "people", "visits"
    ):
        if band in visits:
            visits[band] += seen
        if code:
            per = per_neighbourhood.setdefault(code, {"all": 0, POLICY: 0})
            per[POLICY if band == POLICY else "all"] += people
        if band == POLICY:
            policy += people
        elif band == UNKNOWN:
            unknown += people
        else:
            bands[band] += people
    return {
        "people": sum(bands.values()) + unknown,
        "bands": bands,
        "policy": policy,
        "unknown": unknown,
        "visits": visits,
        "neighbourhoods": per_neighbourhood,
    }
