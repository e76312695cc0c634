"""Fifty residents sign up for twenty places at the same moment: the session row lock counts them one at a time,
so exactly twenty get a place and thirty go on the waiting list (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from tests import factories as f
from tests.activities.factories import ActivityFactory, SessionFactory
from wijkkracht.activities import services
from wijkkracht.activities.constants import RegistrationStatus

pytestmark = pytest.mark.django_db(transaction=True)
SIGN_UPS, PLACES = 50, 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency tests run on PostgreSQL")
def test_fifty_parallel_sign_ups_for_twenty_places(world):
    activity = ActivityFactory(centre=world.centre_a, capacity=PLACES)
    starts = timezone.now() + timezone.timedelta(days=2)
    session = SessionFactory(
        activity=activity,
        date=timezone.localdate() + timezone.timedelta(days=2),
        starts_at=starts,
        ends_at=starts + timezone.timedelta(hours=2),
    )
    users = []
    for n in range(SIGN_UPS):
        user = f.UserFactory(email=f"tegelijk{n}@example.org")
        f.PersonFactory(user=user, first_name=f"Tegelijk{n}")
        users.append(user)
    barrier = threading.Barrier(SIGN_UPS, timeout=30)
    outcomes: list[str] = []

    def sign_up(user):
        try:
            barrier.wait()
            registration = services.registration_create(session=session, actor=user, person=user.person)
            outcomes.append(registration.status)
        except Exception as error:  # noqa: BLE001 - every outcome is counted below
            outcomes.append(f"error: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes).count(RegistrationStatus.REGISTERED) == PLACES, outcomes
    assert outcomes.count(RegistrationStatus.WAITLISTED) == SIGN_UPS - PLACES, outcomes
    assert session.registrations.registered().count() == PLACES
    assert session.registrations.waitlisted().count() == SIGN_UPS - PLACES


BOOKERS = 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency tests run on PostgreSQL")
def test_twenty_professionals_book_the_same_room_at_the_same_moment_and_one_gets_it(world):
    """The room row lock checks the bookings one at a time: exactly one live booking, the others are refused with
    the first named."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    from wijkkracht.activities.constants import BookingKind
    from wijkkracht.activities.models import RoomBooking
    from wijkkracht.activities.recurrence import local_datetime
    from wijkkracht.places.models import OpeningHours

    day = timezone.localdate() + dt.timedelta(days=7)
    OpeningHours.objects.create(centre=world.centre_a, weekday=day.weekday(), opens=dt.time(8), closes=dt.time(23))
    pro = world.users["professional_a"]
    barrier = threading.Barrier(BOOKERS, timeout=30)
    outcomes: list[str] = []

    def book(n):
        try:
            barrier.wait()
            services.booking_create(
                actor=pro,
                room=world.room_a,
                starts_at=local_datetime(day, dt.time(10 + n % 3)),  # 10:00, 11:00 or 12:00, each two hours
                ends_at=local_datetime(day, dt.time(12 + n % 3)),
                kind=BookingKind.HIRER,
                holder=f"Huurder {n}",
                attendees=5,
            )
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append("refused" if "al geboekt door Huurder" in " ".join(error.messages) else repr(error))
        except Exception as error:  # noqa: BLE001 - every outcome is counted below
            outcomes.append(f"error: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(BOOKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    live = list(RoomBooking.objects.live().filter(room=world.room_a).order_by("starts_at"))
    # Every slot overlaps every other (two hours long, an hour apart) except 10–12 and 12–14.
    assert outcomes.count("booked") == len(live) and len(live) in (1, 2), outcomes
    assert outcomes.count("refused") == BOOKERS - len(live), outcomes
    for a, b in zip(live, live[1:], strict=False):
        assert a.ends_at <= b.starts_at
