"""iCalendar feeds (RFC 5545) of activities: one activity, a centre or a district ("add to calendar").

One event per activity, written by the shared builder (`wijkkracht.ical`): its first session as DTSTART in
Europe/Amsterdam, the schedule as RRULE (UNTIL in UTC), the called-off dates as EXDATE. Calendar apps expand
the rule themselves, so a feed stays small and right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from wijkkracht.ical import CalendarEvent, calendar_bytes, rule_with_utc_until, uid

from .models import Activity
from .recurrence import local_datetime, rule_until

PRODID = "-//Wijkkracht//Agenda van de wijk//NL"


def _event(activity: Activity, *, base_url: str) -> CalendarEvent:
    rrule = rule_with_utc_until(activity.rrule, rule_until(activity.rrule)) if activity.rrule else ""
    place = activity.centre.name if activity.centre_id else activity.district.name
    if activity.location:
        place = f"{place}, {activity.location}"
    if activity.centre_id and activity.centre.street:
        place = f"{place}, {activity.centre.street}, {activity.centre.postcode} {activity.centre.city}"
    cancelled = not activity.rrule and activity.starts_on.isoformat() in activity.exdates
    return CalendarEvent(
        uid=uid("activity", activity.public_id),
        start=local_datetime(activity.starts_on, activity.start_time),
        end=local_datetime(activity.starts_on, activity.end_time),
        summary=activity.title,
        description=activity.description,
        location=place,
        url=base_url + activity.url,
        status="CANCELLED" if cancelled else "",
        rrule=rrule,
        exdates=[local_datetime(dt.date.fromisoformat(day), activity.start_time) for day in activity.exdates]
        if activity.rrule
        else (),
        categories=[activity.category.name],
        last_modified=activity.updated_at,
    )


def calendar_feed(activities: Iterable[Activity], *, name: str, base_url: str) -> bytes:
    """The feed of these activities as bytes (text/calendar)."""
    return calendar_bytes((_event(a, base_url=base_url) for a in activities), name=name, prodid=PRODID)
