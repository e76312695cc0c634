"""The read side of activities: typed QuerySets with domain verbs. No access decisions here (permissions.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Self

from django.db import models
from django.db.models import Q

from .constants import (
    AGE_FIELDS,
    LIVE_REGISTRATION,
    POLICY_BAND,
    POLICY_BAND_FIELDS,
    ActivityStatus,
    BookingStatus,
    RegistrationStatus,
    SessionStatus,
)


def age_q(band: str, prefix: str = "") -> Q:
    """Activities for an age band ("15_25"), or for the policy group 15–55 (any band overlapping it)."""
    if band == POLICY_BAND:
        q = Q()
        for name in POLICY_BAND_FIELDS:
            q |= Q(**{f"{prefix}{name}": True})
        return q
    return Q(**{f"{prefix}{AGE_FIELDS[band]}": True})


class CategoryQuerySet(models.QuerySet):
    def for_district(self, district) -> Self:
        """The categories a district offers: its own and those offered everywhere."""
        district_id = getattr(district, "pk", district)
        return self.filter(Q(districts__isnull=True) | Q(districts=district_id)).distinct()


class ActivityQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(status=ActivityStatus.PUBLISHED)

    def in_district(self, district) -> Self:
        return self.filter(district=district)

    def at_centre(self, centre) -> Self:
        return self.filter(centre=centre)

    def run_by(self, *, centre_ids: Iterable[int], district_ids: Iterable[int]) -> Self:
        """Activities a professional manages: at the centres they serve, and everything in the districts a
        membership names (pass a Scope's centre_ids and district_ids)."""
        return self.filter(Q(centre_id__in=list(centre_ids)) | Q(district_id__in=list(district_ids)))

    def for_page(self) -> Self:
        return self.select_related("category", "district", "centre", "neighbourhood", "partner")


@dataclass(frozen=True)
class CalendarFilter:
    """What a visitor chose on the calendar (all optional). `start`: the first day shown."""

    start: dt.date
    days: int = 7
    district_id: int | None = None
    neighbourhood_id: int | None = None
    centre_id: int | None = None
    category_id: int | None = None
    age: str = ""
    price: str = ""  # "free" or "paid"

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)


class SessionQuerySet(models.QuerySet):
    def scheduled(self) -> Self:
        return self.filter(status=SessionStatus.SCHEDULED)

    def on_calendar(self) -> Self:
        """Sessions residents see: those of published activities (cancelled ones too, marked as such)."""
        return self.filter(activity__status=ActivityStatus.PUBLISHED)

    def between(self, start: dt.datetime, end: dt.datetime) -> Self:
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def upcoming(self, now: dt.datetime) -> Self:
        return self.filter(ends_at__gt=now)

    def for_listing(self) -> Self:
        return self.select_related("activity", "activity__category", "activity__centre", "activity__district").only(
            "public_id",
            "date",
            "starts_at",
            "ends_at",
            "status",
            "activity__public_id",
            "activity__title",
            "activity__price",
            "activity__location",
            "activity__wheelchair_accessible",
            *(f"activity__{name}" for name in AGE_FIELDS.values()),
            "activity__category__name",
            "activity__category__slug",
            "activity__centre__name",
            "activity__centre__slug",
            "activity__district__name",
            "activity__district__slug",
        )

    def matching(self, f: CalendarFilter) -> Self:
        """The calendar's filters, in one query."""
        from .recurrence import local_datetime

        qs = self.on_calendar().between(
            local_datetime(f.start, dt.time.min), local_datetime(f.end + dt.timedelta(days=1), dt.time.min)
        )
        if f.district_id:
            qs = qs.filter(activity__district_id=f.district_id)
        if f.neighbourhood_id:
            # A neighbourhood also shows what is for its whole district (no neighbourhood of its own).
            qs = qs.filter(
                Q(activity__neighbourhood_id=f.neighbourhood_id)
                | Q(activity__neighbourhood__isnull=True, activity__district__neighbourhoods=f.neighbourhood_id)
            )
        if f.centre_id:
            qs = qs.filter(activity__centre_id=f.centre_id)
        if f.category_id:
            qs = qs.filter(activity__category_id=f.category_id)
        if f.age:
            qs = qs.filter(age_q(f.age, "activity__"))
        if f.price == "free":
            qs = qs.filter(activity__price=0)
        elif f.price == "paid":
            qs = qs.filter(activity__price__gt=0)
        return qs.order_by("starts_at", "pk")


class BookingQuerySet(models.QuerySet):
    def live(self) -> Self:
        return self.filter(status=BookingStatus.BOOKED)

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> Self:
        """Bookings that share any moment with [start, end) (touching ends do not overlap)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def for_listing(self) -> Self:
        return self.select_related("room", "session", "session__activity").order_by("starts_at", "pk")


class RegistrationQuerySet(models.QuerySet):
    def live(self) -> Self:
        """Sign-ups that hold a place or a place on the waiting list."""
        return self.filter(status__in=LIVE_REGISTRATION)

    def registered(self) -> Self:
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waitlisted(self) -> Self:
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")

    def of_person(self, person) -> Self:
        return self.filter(person=person)

    def for_listing(self) -> Self:
        return self.select_related("session", "session__activity", "session__activity__centre").order_by(
            "session__starts_at", "pk"
        )


def taken_places(session_ids) -> dict[int, int]:
    """Places taken per session (registered, not on the waiting list), in one query."""
    from django.db.models import Count

    from .models import Registration

    rows = (
        Registration.objects.filter(session_id__in=list(session_ids), status=RegistrationStatus.REGISTERED)
        .values("session_id")
        .annotate(n=Count("pk"))
    )
    return {row["session_id"]: row["n"] for row in rows}


def professionals_for(activity):
    """Active accounts of the professionals who run this activity today: a membership naming its centre, or its
    whole district."""
    from django.utils import timezone

    from wijkkracht.accounts.constants import Role
    from wijkkracht.accounts.models import Membership, User

    today = timezone.localdate()
    where = Q(district_id=activity.district_id)
    if activity.centre_id:
        where |= Q(centre_id=activity.centre_id)
    memberships = Membership.objects.filter(where, role=Role.PROFESSIONAL, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")


# --- reach ---------------------------------------------------------------------------------------------------


def reach_counts(*, district_id: int, year: int) -> dict:
    """Different people reached in a district in a year, per CBS band and for 15–55, from named attendance (by
    birth year); and the visits from head counts per band (visits, not people). A person with an account
    counts once; someone written down at the door once per name and year of birth.

    Counted from scratch over the raw rows: the reference the kept counts (activities.reach) are tested against;
    the reach page reads the kept counts."""
    from .models import Attendance, HeadCount
    from .reach import POLICY_RANGE, REACH_BANDS

    sessions = {
        "session__activity__district_id": district_id,
        "session__date__year": year,
        "session__status": SessionStatus.SCHEDULED,
    }
    people: dict = {}
    for person_id, name, birth_year in (
        Attendance.objects.filter(**sessions).values_list("person_id", "name", "birth_year").distinct()
    ):
        key = ("p", person_id) if person_id is not None else ("n", name.casefold(), birth_year)
        if people.get(key) is None:
            people[key] = birth_year
    bands = {band: 0 for band, _low, _high in REACH_BANDS}
    policy = unknown = 0
    for birth_year in people.values():
        if birth_year is None:
            unknown += 1
            continue
        age = year - birth_year
        for band, low, high in REACH_BANDS:
            if low <= age <= high:
                bands[band] += 1
        if POLICY_RANGE[0] <= age <= POLICY_RANGE[1]:
            policy += 1
    visits = {band: 0 for band, _low, _high in REACH_BANDS}
    from django.db.models import F, Sum

    for band, total in (
        HeadCount.objects.filter(**sessions)
        .values("age_band")
        .annotate(n=Sum(F("new") + F("returning")))
        .values_list("age_band", "n")
    ):
        visits[band] = total or 0
    return {"people": len(people), "bands": bands, "policy": policy, "unknown": unknown, "visits": visits}
