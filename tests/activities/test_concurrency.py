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
