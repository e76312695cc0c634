"""Council meetings as iCalendar (RFC 5545): one VEVENT per meeting, times in Europe/Amsterdam with its
VTIMEZONE, cancelled meetings kept with STATUS:CANCELLED so calendar apps remove them. Public facts only:
when, where, the agenda and the link."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from .constants import MeetingStatus

ZONE = "Europe/Amsterdam"


def meetings_ical(council, meetings, *, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Wijkkracht//Vergaderingen//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(council.name))
    calendar.add("x-wr-timezone", ZONE)
    zone = ZoneInfo(ZONE)
    calendar.add_component(
        Timezone.from_tzinfo(zone, first_date=datetime.date(2020, 1, 1), last_date=datetime.date(2035, 1, 1))
    )
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.public_id}@wijkkracht")
        event.add("dtstamp", timezone.now())
        start = meeting.starts_at.astimezone(zone)
        event.add("dtstart", start)
        event.add("dtend", (meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)).astimezone(zone))
        event.add("summary", str(council.name))
        if meeting.place:
            event.add("location", meeting.place)
        agenda = [item.title for item in meeting.agenda_items.all()]
        if agenda:
            event.add("description", "\n".join(f"{n}. {title}" for n, title in enumerate(agenda, start=1)))
        event.add("url", f"{base_url}{meeting.url}")
        event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
