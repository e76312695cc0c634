"""The demo books rooms this week (sessions, groups of residents, hirers), all synthetic, idempotently, so the
professional's rooms page shows real occupancy figures."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership
from wijkkracht.activities.constants import BookingKind
from wijkkracht.activities.models import RoomBooking
from wijkkracht.demo.seed import HOME_CENTRE


def test_the_demo_books_rooms_this_week_and_seeding_twice_adds_none(db):
    call_command("seed_demo", stdout=StringIO())
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    bookings = RoomBooking.objects.live()
    assert set(bookings.values_list("kind", flat=True)) == set(BookingKind.values)
    assert not RoomBooking.objects.filter(synthetic=False).exists()
    for booking in bookings.select_related("room"):
        assert monday <= timezone.localtime(booking.starts_at).date() < monday + dt.timedelta(days=7)
        assert booking.attendees <= booking.room.capacity
    count = RoomBooking.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert RoomBooking.objects.count() == count

    membership = Membership.objects.filter(role=Role.PROFESSIONAL, centre__name=HOME_CENTRE).first()
    professional = Client()
    professional.force_login(membership.user)
    page = professional.get("/activiteiten/zalen/")
    assert page.status_code == 200
    home = next(use for use in page.context["uses"] if use.centre.name == HOME_CENTRE)
    assert home.booked > 0 and 0 < home.percent < 100
