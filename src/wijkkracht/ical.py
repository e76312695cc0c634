"""One iCalendar (RFC 5545) builder for every feed: activities, council meetings, volunteers' shifts.

An app turns its rows into `CalendarEvent`s (plain values: public facts only, never personal data) and
`calendar_bytes(...)` writes the calendar: times in Europe/Amsterdam with TZID and the VTIMEZONE calendar apps
need, one DTSTAMP for the whole feed, METHOD:PUBLISH, and X-WR-CALNAME for the subscription's name. A recurring
event carries its rule (UNTIL in UTC, as RFC 5545 asks when DTSTART has a time zone: see `rule_with_utc_until`)
and the called-off dates as EXDATE; a cancelled event stays in the feed with STATUS:CANCELLED so calendar apps
remove it. Like validators.py this module imports no app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

TZID = "Europe/Amsterdam"
CONTENT_TYPE = "text/calendar; charset=utf-8"
STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")


def zone() -> ZoneInfo:
    return ZoneInfo(TZID)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable and unique across feeds: "<kind>-<public id>@wijkkracht"
    start: dt.datetime  # aware
    end: dt.datetime | None = None  # aware; None: `start + default_length`
    summary: str = ""
    description: str = ""
    location: str = ""
    url: str = ""  # absolute
    status: str = ""  # "" (none), or one of STATUSES
    rrule: str = ""  # "FREQ=WEEKLY;BYDAY=WE;UNTIL=20270101T225959Z"
    exdates: Sequence[dt.datetime] = field(default_factory=tuple)  # aware, at the start time
    categories: Sequence[str] = field(default_factory=tuple)
    last_modified: dt.datetime | None = None
    default_length: dt.timedelta = dt.timedelta(hours=2)

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or (self.end is not None and self.end.tzinfo is None):
            raise ValueError("calendar events need aware times")
        if self.status and self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")


def uid(kind: str, public_id: object) -> str:
    return f"{kind}-{public_id}@wijkkracht"


def rule_with_utc_until(rule: str, until: dt.date | None, *, at: dt.time = dt.time(23, 59, 59)) -> str:
    """`rule` without its own UNTIL, ending at `until` `at` local time written as a UTC moment (RFC 5545 3.3.10)."""
    parts = [p for p in rule.split(";") if p and not p.startswith("UNTIL=")]
    if until is not None:
        end = dt.datetime.combine(until, at, tzinfo=zone()).astimezone(dt.UTC)
        parts.append(f"UNTIL={end:%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(zone()).replace(microsecond=0)


def _component(item: CalendarEvent, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    if item.last_modified is not None:
        event.add("last-modified", item.last_modified.astimezone(dt.UTC).replace(microsecond=0))
    event.add("dtstart", _local(item.start))
    event.add("dtend", _local(item.end or item.start + item.default_length))
    if item.rrule:
        event.add("rrule", vRecur.from_ical(item.rrule))
        for day in sorted(item.exdates):
            event.add("exdate", _local(day))
    if item.status:
        event.add("status", item.status)
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.categories:
        event.add("categories", list(item.categories))
    if item.url:
        event.add("url", item.url)
    return event


def calendar_bytes(events: Iterable[CalendarEvent], *, name: str, prodid: str) -> bytes:
    """The calendar of these events (text/calendar, UTF-8). `prodid` names the feed: "-//Wijkkracht//X//NL"."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for item in events:
        calendar.add_component(_component(item, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
