"""iCalendar feeds per activity, centre and district: valid for the `icalendar` library, with the schedule as
RRULE, the called-off dates as EXDATE, the time zone Europe/Amsterdam (VTIMEZONE) and linked from the pages."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.urls import reverse
from freezegun import freeze_time
from icalendar import Calendar

from tests.activities.factories import ActivityFactory
from wijkkracht.activities import services
from wijkkracht.activities.constants import ActivityStatus

AMS = ZoneInfo("Europe/Amsterdam")
NOW = "2026-11-23 12:00:00+01:00"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time(NOW):
        yield


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _exdates(event) -> list:
    value = event.get("exdate", [])
    lines = value if isinstance(value, list) else [value]
    return [d.dt for line in lines for d in line.dts]


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def weekly(world):
    """Wednesdays 19:30–21:00 until 30 June 2027 at centre_a; 2 December is called off."""
    activity = ActivityFactory(
        centre=world.centre_a,
        title="Taalcafé",
        rrule="FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630",
        starts_on=dt.date(2026, 11, 25),
    )
    services.sessions_generate(activity=activity)
    services.session_cancel(session=activity.sessions.get(date=dt.date(2026, 12, 2)), actor=None)
    activity.refresh_from_db()
    return activity


def test_an_activity_feed_parses_back_with_its_rule_exception_and_time_zone(client, world, weekly):
    calendar = _parse(client.get(reverse("activities:feed", args=[weekly.public_id])))
    assert str(calendar["version"]) == "2.0"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == dt.datetime(2026, 11, 25, 19, 30, tzinfo=AMS)
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("dtend") == dt.datetime(2026, 11, 25, 21, 0, tzinfo=AMS)
    rule = event["rrule"].to_ical().decode()
    assert "FREQ=WEEKLY" in rule and "BYDAY=WE" in rule
    assert "UNTIL=20270630T215959Z" in rule  # the end of 30 June in Amsterdam (summer time), in UTC
    exdates = _exdates(event)
    assert exdates == [dt.datetime(2026, 12, 2, 19, 30, tzinfo=AMS)]
    assert str(event["uid"]) == f"activity-{weekly.public_id}@wijkkracht"
    assert str(event["url"]).endswith(weekly.url)
    # Expanded as a calendar app would: the called-off Wednesday is left out, the others keep 19:30 local.
    occurrences = list(rrulestr(rule, dtstart=start))
    dates = [o.date() for o in occurrences if o not in exdates]
    assert dates[:3] == [dt.date(2026, 11, 25), dt.date(2026, 12, 9), dt.date(2026, 12, 16)]
    assert dates[-1] == dt.date(2027, 6, 30)
    assert {o.astimezone(AMS).time() for o in occurrences} == {dt.time(19, 30)}


def test_centre_and_district_feeds_hold_their_published_activities(client, world, weekly):
    ActivityFactory(centre=world.centre_a, title="Concept", status=ActivityStatus.DRAFT)
    ActivityFactory(centre=world.centre_b, title="Jongerenavond", rrule="")
    ActivityFactory(centre=None, district=world.district_a, title="Buurtwandeling", rrule="FREQ=MONTHLY;BYDAY=+1SA")
    centre = _parse(client.get(reverse("activities:feed_centre", args=[world.centre_a.slug])))
    assert set(_events(centre)) == {"Taalcafé"}
    assert str(centre["x-wr-calname"]) == "Villa Randwijck"
    district = _parse(client.get(reverse("activities:feed_district", args=[world.district_a.slug])))
    assert set(_events(district)) == {"Taalcafé", "Buurtwandeling"}
    other = _parse(client.get(reverse("activities:feed_district", args=[world.district_b.slug])))
    (one_off,) = other.walk("VEVENT")
    assert "rrule" not in one_off


def test_a_draft_has_no_feed(client, world):
    draft = ActivityFactory(centre=world.centre_a, status=ActivityStatus.DRAFT)
    assert client.get(reverse("activities:feed", args=[draft.public_id])).status_code == 404


def test_the_feeds_are_linked_from_the_pages(client, world, weekly):
    feed = reverse("activities:feed", args=[weekly.public_id])
    assert feed in client.get(weekly.url).content.decode()
    centre_feed = reverse("activities:feed_centre", args=[world.centre_a.slug])
    assert centre_feed in client.get(world.centre_a.url).content.decode()
    district_feed = reverse("activities:feed_district", args=[world.district_a.slug])
    assert district_feed in client.get(world.district_a.url).content.decode()
    assert (
        district_feed in client.get(reverse("activities:calendar") + f"?wijk={world.district_a.slug}").content.decode()
    )
