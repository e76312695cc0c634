"""Attendance: named check-in from sign-ups and at the door, the printable list, head counts per age band (new
and returning), a clear refusal for a session that was called off, and the professional's reminder two days
after a session without any attendance."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from freezegun import freeze_time

from tests.activities.factories import ActivityFactory, SessionFactory
from tests.test_authorization_matrix import snapshot
from wijkkracht.activities import jobs, services
from wijkkracht.activities.constants import SessionStatus
from wijkkracht.activities.models import Attendance, HeadCount

DURING = "2026-11-25 20:00:00+01:00"  # the session runs 19:30–21:00
pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    activity = ActivityFactory(centre=world.centre_a, title="Kookclub", capacity=10)
    return SessionFactory(
        activity=activity,
        date=dt.date(2026, 11, 25),
        starts_at=dt.datetime(2026, 11, 25, 18, 30, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 11, 25, 20, 0, tzinfo=dt.UTC),
    )


@pytest.fixture
def signed_up(world, session):
    with freeze_time("2026-11-23 12:00:00+01:00"):
        ria = services.registration_create(
            session=session, actor=world.users["resident"], person=world.users["resident"].person
        )
        bos = services.registration_create(
            session=session, actor=world.users["professional_a"], name="Mevrouw Bos", birth_year=1948
        )
    return ria, bos


@freeze_time(DURING)
def test_checking_in_a_sign_up_and_someone_at_the_door(world, session, signed_up):
    ria, bos = signed_up
    pro = world.users["professional_a"]
    a = services.attendance_check_in(session=session, actor=pro, registration=ria)
    b = services.attendance_check_in(session=session, actor=pro, registration=bos)
    c = services.attendance_check_in(session=session, actor=pro, name="Ahmed", birth_year=2007)
    assert (a.person, a.birth_year) == (world.users["resident"].person, 1980)
    assert (b.person, b.name, b.birth_year) == (None, "Mevrouw Bos", 1948)
    assert (c.name, c.birth_year, c.registration) == ("Ahmed", 2007, None)
    before = snapshot()
    with pytest.raises(ValidationError, match="al aanwezig"):
        services.attendance_check_in(session=session, actor=pro, registration=ria)
    with pytest.raises(PermissionDenied):
        services.attendance_check_in(session=session, actor=world.users["professional_b"], name="Jan")
    assert snapshot() == before


@freeze_time(DURING)
def test_no_check_in_for_a_session_that_was_called_off(world, session, client_for):
    type(session).objects.filter(pk=session.pk).update(status=SessionStatus.CANCELLED)
    session.refresh_from_db()
    client = client_for("professional_a")
    before = snapshot()
    with pytest.raises(ValidationError, match="ging niet door"):
        services.attendance_check_in(session=session, actor=world.users["professional_a"], name="Ahmed")
    with pytest.raises(ValidationError, match="ging niet door"):
        services.head_count_save(session=session, actor=world.users["professional_a"], counts={"15_25": (3, 1)})
    response = client.post(reverse("activities:check_in", args=[session.public_id]), {"binnen-name": "Ahmed"})
    assert response.status_code == 200
    assert "ging niet door" in response.content.decode()
    assert snapshot() == before


@freeze_time("2026-11-24 12:00:00+01:00")
def test_no_check_in_long_before_the_session(world, session):
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        services.attendance_check_in(session=session, actor=world.users["professional_a"], name="Ahmed")


@freeze_time(DURING)
def test_head_counts_per_age_band_new_and_returning(world, session):
    pro = world.users["professional_a"]
    services.head_count_save(session=session, actor=pro, counts={"15_25": (3, 5), "65_plus": (0, 2)})
    services.head_count_save(session=session, actor=pro, counts={"15_25": (4, 5), "65_plus": (0, 0)})
    assert list(HeadCount.objects.values_list("age_band", "new", "returning")) == [("15_25", 4, 5)]
    with pytest.raises(ValidationError):
        services.head_count_save(session=session, actor=pro, counts={"15_25": (-1, 0)})


@freeze_time(DURING)
def test_the_session_page_checks_in_and_counts(client_for, world, session, signed_up):
    client = client_for("professional_a")
    ria, _bos = signed_up
    page = client.get(reverse("activities:session", args=[session.public_id])).content.decode()
    assert "Presentielijst om af te drukken" in page
    client.post(reverse("activities:check_in", args=[session.public_id]), {"registration": str(ria.public_id)})
    client.post(
        reverse("activities:check_in", args=[session.public_id]), {"binnen-name": "Ahmed", "binnen-birth_year": "2007"}
    )
    client.post(reverse("activities:head_count", args=[session.public_id]), {"new_15_25": "3", "returning_15_25": "2"})
    assert Attendance.objects.filter(session=session).count() == 2
    assert HeadCount.objects.get(session=session).total == 5
    bad = client.post(reverse("activities:head_count", args=[session.public_id]), {"new_15_25": "-2"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    printable = client.get(reverse("activities:check_in_list", args=[session.public_id])).content.decode()
    assert "Mevrouw Bos" in printable and "Ria" in printable


def test_the_professional_is_reminded_two_days_after_a_session_without_attendance(world, session, mailoutbox):
    quiet = SessionFactory(
        activity=session.activity,
        date=dt.date(2026, 11, 18),
        starts_at=dt.datetime(2026, 11, 18, 18, 30, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 11, 18, 20, 0, tzinfo=dt.UTC),
    )
    with freeze_time(DURING):
        services.head_count_save(session=session, actor=world.users["professional_a"], counts={"0_15": (1, 0)})
    with freeze_time("2026-11-27 09:00:00+01:00"):  # two days after both
        assert jobs.remind_attendance() == 1
        before = snapshot()
        assert jobs.remind_attendance() == 0
        assert snapshot() == before
    assert [m.to for m in mailoutbox] == [["pro.a@example.org"]]
    assert mailoutbox[0].subject == "Presentie invullen: Kookclub (18 november)"
    quiet.refresh_from_db()
    assert quiet.attendance_reminded_at is not None
