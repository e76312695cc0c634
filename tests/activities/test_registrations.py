"""Registration: places and a waiting list, the first on the list moves up when someone cancels, cancelling
through the signed link without logging in, the professional signing up someone at the desk, no double
registration, reminders the day before, and the resident's own list."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from freezegun import freeze_time

from tests import factories as f
from tests.activities.factories import ActivityFactory, SessionFactory
from tests.test_authorization_matrix import snapshot
from wijkkracht.activities import jobs, services
from wijkkracht.activities.constants import RegistrationStatus, SessionStatus
from wijkkracht.activities.models import Registration
from wijkkracht.activities.workflows import REGISTRATION_WORKFLOW
from wijkkracht.workflow.testing import walk_workflow

NOW = "2026-11-23 12:00:00+01:00"
R, W, C = RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time(NOW):
        yield


@pytest.fixture
def session(world):
    """Wednesday 25 November, 19:30, at centre_a, with 2 places."""
    activity = ActivityFactory(centre=world.centre_a, title="Kookclub", capacity=2)
    return SessionFactory(
        activity=activity,
        date=dt.date(2026, 11, 25),
        starts_at=dt.datetime(2026, 11, 25, 18, 30, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 11, 25, 20, 0, tzinfo=dt.UTC),
    )


def _resident(n: int):
    user = f.UserFactory(email=f"buur{n}@example.org")
    f.PersonFactory(user=user, first_name=f"Buur{n}")
    return user


def _sign_up(session, user):
    return services.registration_create(session=session, actor=user, person=user.person)


def test_places_fill_up_and_then_the_waiting_list(world, session, mailoutbox):
    users = [_resident(n) for n in range(4)]
    statuses = [_sign_up(session, u).status for u in users]
    assert statuses == [R, R, W, W]
    assert session.registrations.registered().count() == 2
    assert [m.subject for m in mailoutbox[:3]] == [
        "U bent aangemeld: Kookclub",
        "U bent aangemeld: Kookclub",
        "Op de wachtlijst: Kookclub",
    ]
    assert "/activiteiten/afmelden/" in mailoutbox[0].body


def test_no_double_registration(world, session):
    user = world.users["resident"]
    _sign_up(session, user)
    before = snapshot()
    with pytest.raises(ValidationError, match="al aangemeld"):
        _sign_up(session, user)
    assert snapshot() == before


def test_cancelling_a_place_moves_the_first_on_the_waiting_list_up(world, session, mailoutbox):
    a, b, c, d = (_resident(n) for n in range(4))
    first = _sign_up(session, a)
    _sign_up(session, b)
    waiting_c, waiting_d = _sign_up(session, c), _sign_up(session, d)
    mailoutbox.clear()
    services.registration_cancel(registration=first, actor=a)
    assert Registration.objects.get(pk=first.pk).status == C
    assert Registration.objects.get(pk=waiting_c.pk).status == R
    assert Registration.objects.get(pk=waiting_d.pk).status == W
    assert [(m.to, m.subject) for m in mailoutbox] == [(["buur2@example.org"], "Er is een plek voor u: Kookclub")]
    # A cancel from the waiting list frees no place: nobody moves up.
    services.registration_cancel(registration=waiting_d, actor=d)
    assert session.registrations.registered().count() == 2


def test_someone_else_cannot_cancel_a_registration(world, session):
    registration = _sign_up(session, world.users["resident"])
    before = snapshot()
    for persona in ("volunteer", "professional_b", "council_a"):
        with pytest.raises(PermissionDenied):
            services.registration_cancel(registration=registration, actor=world.users[persona])
    assert snapshot() == before
    services.registration_cancel(registration=registration, actor=world.users["professional_a"])  # runs the centre


def test_the_professional_signs_up_someone_who_phones(world, session):
    pro = world.users["professional_a"]
    registration = services.registration_create(
        session=session, actor=pro, name="Mevrouw Bos", phone="06 1234 5678", birth_year=1950
    )
    assert (registration.person, registration.name, registration.registered_by) == (None, "Mevrouw Bos", pro)
    before = snapshot()
    with pytest.raises(ValidationError):  # the same phone number twice
        services.registration_create(session=session, actor=pro, name="Mevr. Bos", phone="06 1234 5678")
    with pytest.raises(PermissionDenied):  # another centre's professional
        services.registration_create(session=session, actor=world.users["professional_b"], name="Jan")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"capacity": None}, "hoeft niet"),
        ({"status": SessionStatus.CANCELLED}, "gaat niet door"),
        ({"starts_at": dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)}, "al begonnen"),
    ],
)
def test_no_sign_up_where_it_cannot_be(world, session, change, says):
    if "capacity" in change:
        session.activity.capacity = None
        session.activity.save()
    else:
        type(session).objects.filter(pk=session.pk).update(**change)
    before = snapshot()
    with pytest.raises((ValidationError, PermissionDenied)) as error:
        _sign_up(session, world.users["resident"])
    if isinstance(error.value, ValidationError):
        assert says in " ".join(error.value.messages)
    assert snapshot() == before


def test_the_signed_link_cancels_without_logging_in(client, world, session, mailoutbox):
    registration = _sign_up(session, world.users["resident"])
    second = _sign_up(session, _resident(1))
    waiting = _sign_up(session, _resident(2))
    assert waiting.status == W
    link = services.cancel_url(registration).split("testserver")[-1].split("8000")[-1]
    page = client.get(link)
    assert page.status_code == 200 and "Ja, meld mij af" in page.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == R  # a GET changes nothing
    done = client.post(link)
    assert "U bent afgemeld" in done.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == C
    assert [Registration.objects.get(pk=r.pk).status for r in (second, waiting)] == [R, R]  # moved up
    again = client.post(link)
    assert "al afgemeld" in again.content.decode()


def test_an_altered_link_is_not_found(client, world, session):
    registration = _sign_up(session, world.users["resident"])
    token = services.cancel_token(registration)
    before = snapshot()
    assert client.post(reverse("activities:cancel_by_link", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("activities:cancel_by_link", args=["niet-van-ons"])).status_code == 404
    assert snapshot() == before


def test_the_reminder_goes_out_the_day_before_once(world, session, mailoutbox):
    registration = _sign_up(session, world.users["resident"])
    services.registration_create(session=session, actor=world.users["professional_a"], name="Zonder account")
    mailoutbox.clear()
    assert jobs.remind_registered() == 0  # Monday: the session is on Wednesday
    with freeze_time("2026-11-24 10:00:00+01:00"):
        assert jobs.remind_registered() == 1
        before = snapshot()
        assert jobs.remind_registered() == 0
        assert snapshot() == before
    assert [m.subject for m in mailoutbox] == ["Morgen: Kookclub"]
    assert Registration.objects.get(pk=registration.pk).reminded_at is not None


def test_my_registrations(client_for, world, session):
    _sign_up(session, world.users["resident"])
    _sign_up(session, world.users["volunteer"])
    html = client_for("resident").get(reverse("activities:mine")).content.decode()
    assert "Kookclub" in html and "aangemeld" in html
    assert (
        client_for("resident").get(reverse("activities:mine")).context["registrations"][0].person.user
        == (world.users["resident"])
    )
    assert len(client_for("volunteer").get(reverse("activities:mine")).context["registrations"]) == 1


def test_the_activity_page_offers_sign_up_and_shows_the_places_left(client_for, world, session):
    client = client_for("resident")
    html = client.get(session.activity.url).content.decode()
    assert "nog 2 plekken" in html
    client.post(reverse("activities:register", args=[session.public_id]))
    html = client.get(session.activity.url).content.decode()
    assert "U bent aangemeld" in html and "nog 1 plek" in html


def test_the_registration_workflow(world, session):
    people = iter(_resident(n) for n in range(10, 30))

    def make(state):
        user = next(people)
        return Registration.objects.create(session=session, person=user.person, status=state)

    walk = walk_workflow(
        REGISTRATION_WORKFLOW,
        make=make,
        by=lambda move: world.users["professional_a"] if move and move.action else None,
        denied_by=world.users["professional_b"],
    )
    assert walk.allowed == 3
