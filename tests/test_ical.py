"""The one iCalendar builder (`wijkkracht.ical`): what it writes parses back with the `icalendar` library as a
calendar app reads it, and no other module builds its own calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

import wijkkracht
from wijkkracht.ical import CalendarEvent, calendar_bytes, rule_with_utc_until, uid

AMS = ZoneInfo("Europe/Amsterdam")


def _parse(events, name="Agenda") -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(calendar_bytes(events, name=name, prodid="-//Wijkkracht//Test//NL"))


def test_a_single_event_round_trips_in_amsterdam_time():
    start = dt.datetime(2027, 3, 30, 17, 30, 15, 999, tzinfo=dt.UTC)  # 19:30 summer time
    calendar = _parse(
        [
            CalendarEvent(
                uid=uid("meeting", "abc"),
                start=start,
                summary="Raad Noord",
                description="1. Opening\n2. Plan",
                location="Buurthuis, zaal 2",
                url="https://example.org/raden/x/",
                status="CONFIRMED",
                categories=["Raad"],
            )
        ],
        name="Raad Noord; vergaderingen",
    )
    assert str(calendar["version"]) == "2.0" and str(calendar["method"]) == "PUBLISH"
    assert str(calendar["x-wr-calname"]) == "Raad Noord; vergaderingen"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == "meeting-abc@wijkkracht"
    assert str(event["dtstart"].params["TZID"]) == "Europe/Amsterdam"
    assert event.decoded("dtstart") == start.replace(microsecond=0)
    assert event.decoded("dtstart").astimezone(AMS).hour == 19
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(hours=2)  # the default length
    assert str(event["description"]) == "1. Opening\n2. Plan"
    assert str(event["location"]) == "Buurthuis, zaal 2"
    assert str(event["status"]) == "CONFIRMED"
    assert event.decoded("dtstamp").tzinfo is not None


def test_a_recurring_event_carries_its_rule_with_a_utc_until_and_its_exceptions():
    start = dt.datetime(2027, 1, 6, 19, 30, tzinfo=AMS)  # a Wednesday
    rule = rule_with_utc_until("FREQ=WEEKLY;BYDAY=WE;UNTIL=20270131", dt.date(2027, 1, 31))
    assert rule == "FREQ=WEEKLY;BYDAY=WE;UNTIL=20270131T225959Z"
    calendar = _parse(
        [
            CalendarEvent(
                uid=uid("activity", "x"),
                start=start,
                end=start + dt.timedelta(hours=1),
                summary="Koor",
                rrule=rule,
                exdates=[dt.datetime(2027, 1, 20, 19, 30, tzinfo=AMS)],
            )
        ]
    )
    (event,) = calendar.walk("VEVENT")
    assert event["rrule"].to_ical().decode() == "FREQ=WEEKLY;UNTIL=20270131T225959Z;BYDAY=WE"
    exdates = [d.dt for d in event["exdate"].dts]
    assert exdates == [dt.datetime(2027, 1, 20, 19, 30, tzinfo=AMS)]
    assert "status" not in event


def test_a_cancelled_event_stays_as_cancelled():
    start = dt.datetime(2027, 5, 1, 10, tzinfo=AMS)
    (event,) = _parse([CalendarEvent(uid="c@wijkkracht", start=start, status="CANCELLED")]).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"


def test_an_empty_feed_is_still_a_valid_calendar():
    calendar = _parse([])
    assert calendar.walk("VEVENT") == [] and str(calendar["prodid"]) == "-//Wijkkracht//Test//NL"


def test_naive_times_and_unknown_statuses_are_refused():
    with pytest.raises(ValueError):
        CalendarEvent(uid="x", start=dt.datetime(2027, 1, 1, 10))
    with pytest.raises(ValueError):
        CalendarEvent(uid="x", start=dt.datetime(2027, 1, 1, 10, tzinfo=AMS), status="MAYBE")


def test_only_the_shared_builder_writes_icalendar():
    src = Path(wijkkracht.__file__).parent
    builders = sorted(
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if "migrations" not in path.parts
        and any(
            line.lstrip().startswith(("from icalendar", "import icalendar")) for line in path.read_text().splitlines()
        )
    )
    assert builders == ["ical.py"]
