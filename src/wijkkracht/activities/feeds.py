"""iCalendar feeds (RFC 5545) of activities: one activity, a centre or a district ("add to calendar").

One VEVENT per activity: its first session as DTSTART with TZID=Europe/Amsterdam, the schedule as RRULE
(UNTIL in UTC, as RFC 5545 asks when DTSTART has a time zone), the called-off dates as EXDATE, and the
VTIMEZONE the calendar needs. Calendar apps expand the rule themselves, so a feed stays small and right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from .models import Activity
from .recurrence import local_datetime, rule_until

PRODID = "-//Wijkkracht//Agenda van de wijk//NL"
TZID = "Europe/Amsterdam"


def ics_rule(rule: str) -> vRecur:
    """The stored rule with UNTIL as a UTC moment: the end of that local day."""
    until = rule_until(rule)
    parts = [p for p in rule.split(";") if not p.startswith("UNTIL=")]
    if until is not None:
        end = local_datetime(until, dt.time(23, 59, 59)).astimezone(dt.UTC)
        parts.append(f"UNTIL={end:%Y%m%dT%H%M%SZ}")
    return vRecur.from_ical(";".join(parts))


def _event(activity: Activity, *, base_url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"activity-{activity.public_id}@wijkkracht")
    event.add("dtstamp", stamp)
    event.add("last-modified", activity.updated_at.astimezone(dt.UTC))
    event.add("dtstart", local_datetime(activity.starts_on, activity.start_time))
    event.add("dtend", local_datetime(activity.starts_on, activity.end_time))
    if activity.rrule:
        event.add("rrule", ics_rule(activity.rrule))
        for day in sorted(activity.exdates):
            event.add("exdate", local_datetime(dt.date.fromisoformat(day), activity.start_time))
    elif activity.starts_on.isoformat() in activity.exdates:
        event.add("status", "CANCELLED")
    event.add("summary", activity.title)
    event.add("description", activity.description)
    place = activity.centre.name if activity.centre_id else activity.district.name
    if activity.location:
        place = f"{place}, {activity.location}"
    if activity.centre_id and activity.centre.street:
        place = f"{place}, {activity.centre.street}, {activity.centre.postcode} {activity.centre.city}"
    event.add("location", place)
    event.add("categories", [activity.category.name])
    event.add("url", base_url + activity.url)
    return event


def calendar_feed(activities: Iterable[Activity], *, name: str, base_url: str) -> bytes:
    """The feed of these activities as bytes (text/calendar)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for activity in activities:
        calendar.add_component(_event(activity, base_url=base_url, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
