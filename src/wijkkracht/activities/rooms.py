"""Rooms: opening hours as time, and occupancy (booked hours / open hours) per room and per centre for a period.

Pure arithmetic over rows the caller passes in, plus `occupancy`, which reads a centre's opening hours, rooms and
live bookings of the period in three queries, whatever the number of rooms or bookings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from .recurrence import local_datetime


def slots_on(hours: Iterable, day: dt.date) -> list[tuple[dt.time, dt.time]]:
    """The opening slots (opens, closes) of a centre on a day, from its OpeningHours rows."""
    return sorted((h.opens, h.closes) for h in hours if h.weekday == day.weekday())


def _hours(start: dt.time, end: dt.time) -> float:
    return (dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)).total_seconds() / 3600


def open_hours(hours: Iterable, start: dt.date, end: dt.date) -> float:
    """Hours a centre is open on the days start .. end - 1 (wall-clock time, as the opening hours are written)."""
    per_weekday = [0.0] * 7
    for h in hours:
        per_weekday[h.weekday] += _hours(h.opens, h.closes)
    total, day = 0.0, start
    while day < end:
        total += per_weekday[day.weekday()]
        day += dt.timedelta(days=1)
    return total


def within_opening(hours: Iterable, starts_at: dt.datetime, ends_at: dt.datetime) -> bool:
    """Does [starts_at, ends_at) lie on one local day inside one opening slot?"""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() != end.date():
        return False
    return any(opens <= start.time() and end.time() <= closes for opens, closes in slots_on(hours, start.date()))


def booked_hours(bookings: Iterable, start: dt.datetime, end: dt.datetime) -> float:
    """Hours of the bookings inside [start, end) (a booking across the edge counts for its part inside)."""
    total = 0.0
    for b in bookings:
        a, z = max(b.starts_at, start), min(b.ends_at, end)
        if z > a:
            total += (z - a).total_seconds() / 3600
    return total


def percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class RoomUse:
    room: object
    booked: float
    open: float

    @property
    def percent(self) -> float | None:
        return percent(self.booked, self.open)


@dataclass
class CentreUse:
    centre: object
    start: dt.date
    end: dt.date  # exclusive
    rooms: list[RoomUse] = field(default_factory=list)

    @property
    def booked(self) -> float:
        return sum(r.booked for r in self.rooms)

    @property
    def open(self) -> float:
        return sum(r.open for r in self.rooms)

    @property
    def percent(self) -> float | None:
        """The centre's occupancy: all rooms' booked hours over all rooms' open hours."""
        return percent(self.booked, self.open)


def occupancy(centres: list, start: dt.date, end: dt.date) -> list[CentreUse]:
    """Occupancy of every room of the centres over the days start .. end - 1: three queries in all."""
    from wijkkracht.places.models import OpeningHours, Room

    from .models import RoomBooking

    ids = [c.pk for c in centres]
    hours: dict[int, list] = {pk: [] for pk in ids}
    for h in OpeningHours.objects.filter(centre_id__in=ids):
        hours[h.centre_id].append(h)
    rooms: dict[int, list] = {pk: [] for pk in ids}
    for room in Room.objects.filter(centre_id__in=ids).order_by("name", "pk"):
        rooms[room.centre_id].append(room)
    begin, finish = local_datetime(start, dt.time.min), local_datetime(end, dt.time.min)
    per_room: dict[int, list] = {}
    for booking in (
        RoomBooking.objects.live()
        .overlapping(begin, finish)
        .filter(room__centre_id__in=ids)
        .only("room_id", "starts_at", "ends_at")
    ):
        per_room.setdefault(booking.room_id, []).append(booking)
    result = []
    for centre in centres:
        use = CentreUse(centre=centre, start=start, end=end)
        opened = open_hours(hours[centre.pk], start, end)
        for room in rooms[centre.pk]:
            use.rooms.append(
                RoomUse(room=room, booked=booked_hours(per_room.get(room.pk, []), begin, finish), open=opened)
            )
        result.append(use)
    return result
