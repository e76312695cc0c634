"""Council meetings as iCalendar (RFC 5545), through the shared builder (`wijkkracht.ical`): one event per
meeting in Europe/Amsterdam, cancelled meetings kept with STATUS:CANCELLED so calendar apps remove them. Public
facts only: when, where, the agenda and the link."""

from __future__ import annotations

from wijkkracht.ical import CalendarEvent, calendar_bytes, uid

from .constants import MeetingStatus

PRODID = "-//Wijkkracht//Vergaderingen//NL"


def _event(council, meeting, *, base_url: str) -> CalendarEvent:
    agenda = [item.title for item in meeting.agenda_items.all()]
    return CalendarEvent(
        uid=uid("meeting", meeting.public_id),
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=str(council.name),
        description="\n".join(f"{n}. {title}" for n, title in enumerate(agenda, start=1)),
        location=meeting.place or "",
        url=f"{base_url}{meeting.url}",
        status="CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED",
    )


def meetings_ical(council, meetings, *, base_url: str) -> bytes:
    return calendar_bytes(
        (_event(council, meeting, base_url=base_url) for meeting in meetings), name=str(council.name), prodid=PRODID
    )
