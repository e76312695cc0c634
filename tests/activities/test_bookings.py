"""Rooms and bookings: a session, a group of residents or an outside hirer books a room; a double booking is refused
naming the booking it clashes with; opening hours are kept; a room too small for a session is refused; a
cancelled booking frees the room; occupancy (booked hours / open hours) per room and per centre for a period; the
professional's pages (book, a room's week, cancel) with clear messages and nothing changed on bad input."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.activities.factories import ActivityFactory, SessionFactory
from wijkkracht.activities import services
from wijkkracht.activities.constants import BookingKind, BookingStatus, SessionStatus
from wijkkracht.activities.models import RoomBooking
from wijkkracht.activities.recurrence import local_datetime
from wijkkracht.activities.rooms import booked_hours, occupancy, open_hours, within_opening
from wijkkracht.places.models import OpeningHours

pytestmark = pytest.mark.django_db
_TODAY = timezone.localdate()
MONDAY = _TODAY - dt.timedelta(days=_TODAY.weekday()) + dt.timedelta(weeks=2)  # a Monday two weeks ahead
WED = MONDAY + dt.timedelta(days=2)
SATURDAY = MONDAY + dt.timedelta(days=5)
LAST_WEEK = _TODAY - dt.timedelta(days=7)


def at(day: dt.date, hhmm: str) -> dt.datetime:
    return local_datetime(day, dt.time.fromisoformat(hhmm))


@pytest.fixture
def hours(world):
    """Villa Randwijck: Monday to Friday 09:00–17:00 and 19:00–22:00; closed at the weekend."""
    rows = []
    for weekday in range(5):
        rows.append(
            OpeningHours.objects.create(centre=world.centre_a, weekday=weekday, opens=dt.time(9), closes=dt.time(17))
        )
        rows.append(
            OpeningHours.objects.create(centre=world.centre_a, weekday=weekday, opens=dt.time(19), closes=dt.time(22))
        )
    return rows


def book(world, start="10:00", end="12:00", day=WED, holder="Buurtvereniging De Linde", attendees=12, room=None):
    return services.booking_create(
        actor=world.users["professional_a"],
        room=room or world.room_a,
        starts_at=at(day, start),
        ends_at=at(day, end),
        kind=BookingKind.RESIDENTS,
        holder=holder,
        attendees=attendees,
    )


def test_a_group_books_a_room_and_a_double_booking_is_refused_naming_the_first(world, hours):
    first = book(world)
    assert first.status == BookingStatus.BOOKED
    with pytest.raises(ValidationError) as refused:
        book(world, start="11:30", end="13:00", holder="Yogaschool Amstel")
    message = " ".join(refused.value.messages)
    assert "Grote zaal is dan al geboekt door Buurtvereniging De Linde" in message
    assert f"{WED:%d-%m-%Y} 10:00" in message and "12:00" in message
    assert RoomBooking.objects.count() == 1
    # Touching ends do not overlap; another room at the same time is free.
    book(world, start="12:00", end="13:00", holder="Yogaschool Amstel")
    other = f.RoomFactory(centre=world.centre_a, name="Kleine zaal", capacity=8)
    book(world, start="10:00", end="12:00", holder="Schaakclub", attendees=6, room=other)
    assert RoomBooking.objects.live().count() == 3


@pytest.mark.parametrize(
    ("day", "start", "end", "field"),
    [
        (WED, "08:00", "10:00", "Open op deze dag: 09:00–17:00, 19:00–22:00"),  # before opening
        (WED, "16:00", "18:00", "Open op deze dag"),  # across the closed hours between the slots
        (SATURDAY, "10:00", "12:00", "Op deze dag is het wijkcentrum dicht"),  # Saturday
        (WED, "21:00", "21:00", "De eindtijd ligt na de begintijd"),
        (LAST_WEEK, "10:00", "12:00", "al voorbij"),  # last Friday
    ],
)
def test_bad_times_are_refused_with_a_clear_message_and_nothing_changes(world, hours, day, start, end, field):
    with pytest.raises(ValidationError) as refused:
        book(world, start=start, end=end, day=day)
    assert field in " ".join(refused.value.messages)
    assert not RoomBooking.objects.exists()


def test_a_session_in_a_room_too_small_is_refused(world, hours):
    small = f.RoomFactory(centre=world.centre_a, name="Spreekkamer", capacity=6)
    activity = ActivityFactory(centre=world.centre_a, title="Kookclub", capacity=10)
    session = SessionFactory(activity=activity, date=WED, starts_at=at(WED, "19:30"), ends_at=at(WED, "21:00"))
    kwargs = {"actor": world.users["professional_a"], "kind": BookingKind.SESSION, "session": session}
    with pytest.raises(ValidationError) as refused:
        services.booking_create(room=small, starts_at=session.starts_at, ends_at=session.ends_at, **kwargs)
    assert "Spreekkamer is te klein: er passen 6 personen in, er komen er 10." in " ".join(refused.value.messages)
    booking = services.booking_create(room=world.room_a, starts_at=session.starts_at, ends_at=session.ends_at, **kwargs)
    assert booking.session == session and booking.attendees == 10 and booking.describe() == "Kookclub"
    # A room of another centre (not hers) is refused; calling the session off gives the room back.
    with pytest.raises(PermissionDenied):
        services.booking_create(room=world.room_b, starts_at=session.starts_at, ends_at=session.ends_at, **kwargs)
    services.session_cancel(session=session, actor=world.users["professional_a"])
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    with pytest.raises(ValidationError, match="gaat niet door"):
        services.booking_create(room=world.room_a, starts_at=session.starts_at, ends_at=session.ends_at, **kwargs)


def test_cancelling_frees_the_room_and_only_the_centres_professionals_may_book(world, hours):
    first = book(world)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(booking=first, actor=world.users["professional_b"])
    with pytest.raises(PermissionDenied):
        services.booking_create(
            actor=world.users["resident"],
            room=world.room_a,
            starts_at=at(WED, "13:00"),
            ends_at=at(WED, "14:00"),
            kind=BookingKind.HIRER,
            holder="Ik",
            attendees=2,
        )
    services.booking_cancel(booking=first, actor=world.users["professional_a"])
    with pytest.raises(ValidationError, match="al geannuleerd"):
        services.booking_cancel(booking=first, actor=world.users["professional_a"])
    again = book(world, holder="Yogaschool Amstel")
    assert again.status == BookingStatus.BOOKED


def test_occupancy_arithmetic(world, hours):
    monday = MONDAY
    # Open 11 hours a weekday, 5 days: 55 hours a week per room.
    assert open_hours(hours, monday, monday + dt.timedelta(days=7)) == 55
    assert open_hours(hours, monday, monday + dt.timedelta(days=1)) == 11
    assert within_opening(hours, at(WED, "09:00"), at(WED, "17:00"))
    assert not within_opening(hours, at(WED, "16:30"), at(WED, "19:30"))
    # A booking across the edge of the period counts for its part inside.
    begin, end = at(monday, "00:00"), at(monday + dt.timedelta(days=7), "00:00")
    edge = RoomBooking(starts_at=begin - dt.timedelta(hours=1), ends_at=begin + dt.timedelta(hours=2))
    assert booked_hours([edge], begin, end) == 2


def test_occupancy_per_room_and_centre(world, hours):
    small = f.RoomFactory(centre=world.centre_a, name="Kleine zaal", capacity=8)
    book(world, start="09:00", end="17:00")  # 8 hours in the big room
    book(world, start="19:00", end="22:00", holder="Koor")  # 3 more
    book(world, start="10:00", end="11:00", holder="Schaakclub", attendees=4, room=small)
    cancelled = book(world, start="13:00", end="15:00", holder="Afgezegd", attendees=4, room=small)
    services.booking_cancel(booking=cancelled, actor=world.users["professional_a"])
    monday = MONDAY
    (use,) = occupancy([world.centre_a], monday, monday + dt.timedelta(days=7))
    rooms = {r.room.name: r for r in use.rooms}
    assert rooms["Grote zaal"].booked == 11 and rooms["Grote zaal"].open == 55
    assert rooms["Grote zaal"].percent == 20.0
    assert rooms["Kleine zaal"].booked == 1 and rooms["Kleine zaal"].percent == 1.8
    assert use.booked == 12 and use.open == 110 and use.percent == 10.9
    # The next week nothing is booked.
    (later,) = occupancy([world.centre_a], monday + dt.timedelta(days=7), monday + dt.timedelta(days=14))
    assert later.percent == 0.0


def test_the_professional_books_sees_the_week_and_cancels(client_for, world, hours):
    client = client_for("professional_a")
    url = reverse("activities:room", args=[world.room_a.public_id])
    data = {
        "day": WED.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "kind": "hirer",
        "holder": "Yogaschool Amstel",
        "attendees": "15",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    week = client.get(response["Location"]).content.decode()
    assert "Yogaschool Amstel" in week and "10:00–12:00" in week
    # The same slot again: the refusal names the first booking; nothing is added.
    response = client.post(url, {**data, "holder": "Koor", "start_time": "11:00"})
    assert response.status_code == 200
    assert "Grote zaal is dan al geboekt door Yogaschool Amstel" in response.content.decode()
    assert RoomBooking.objects.count() == 1
    # Nonsense input: a clear message, nothing changed, no 500.
    response = client.post(url, {**data, "day": "morgen", "attendees": "-3"})
    assert response.status_code == 200 and RoomBooking.objects.count() == 1
    response = client.post(url, {**data, "attendees": "500", "start_time": "13:00", "end_time": "14:00"})
    assert "te klein" in response.content.decode() and RoomBooking.objects.count() == 1
    booking = RoomBooking.objects.get()
    client.post(reverse("activities:booking_cancel", args=[booking.public_id]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    # The rooms page shows the occupancy of the week.
    rooms = client.get(reverse("activities:rooms")).content.decode()
    assert "Grote zaal" in rooms and "Heel het wijkcentrum" in rooms


def test_a_session_books_a_room_from_its_page(client_for, world, hours):
    activity = ActivityFactory(centre=world.centre_a, title="Kookclub", capacity=10)
    session = SessionFactory(activity=activity, date=WED, starts_at=at(WED, "19:30"), ends_at=at(WED, "21:00"))
    client = client_for("professional_a")
    response = client.post(reverse("activities:session_room", args=[session.public_id]), {"room": world.room_a.pk})
    assert response.status_code == 302
    assert RoomBooking.objects.get().session == session
    page = client.get(reverse("activities:session", args=[session.public_id])).content.decode()
    assert "Geboekt: Grote zaal" in page
    # A room of another centre is not one of the choices.
    response = client.post(reverse("activities:session_room", args=[session.public_id]), {"room": world.room_b.pk})
    assert response.status_code == 200 and RoomBooking.objects.count() == 1
    assert session.status == SessionStatus.SCHEDULED


def test_the_rooms_pages_run_a_fixed_number_of_queries(client_for, world, hours, django_assert_max_num_queries):
    client = client_for("professional_a")
    for n in range(3):
        room = f.RoomFactory(centre=world.centre_a, name=f"Zaal {n}", capacity=30)
        for hour in range(9, 16):
            book(world, start=f"{hour:02d}:00", end=f"{hour + 1:02d}:00", holder=f"Groep {hour}", room=room)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("activities:rooms")).status_code == 200
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("activities:room", args=[room.public_id]) + f"?week={MONDAY.isoformat()}").status_code
            == 200
        )
