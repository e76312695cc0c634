"""Centre life in the browser: a resident finds an activity for young people with the calendar's filters (with
and without JavaScript) and opens it; "what's on" on the home page; a professional adds an activity (errors
first: an empty form and an invalid recurrence rule), puts it on the calendar and calls off a session.
axe-core at 1280 and 390 px, without sideways scrolling."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.activities.factories import CategoryFactory
from tests.e2e.test_councils import check
from tests.e2e.test_journeys import log_in
from wijkkracht.activities import services
from wijkkracht.activities.constants import ActivityStatus, SessionStatus
from wijkkracht.activities.models import Activity

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _published(world, **values):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    activity = services.activity_save(
        actor=None,
        description="Samen iets leuks doen.",
        starts_on=tomorrow,
        start_time=dt.time(19, 30),
        end_time=dt.time(21, 0),
        rrule="FREQ=WEEKLY",
        **values,
    )
    return services.activity_move(activity=activity, to=ActivityStatus.PUBLISHED, actor=None)


@pytest.fixture
def activities(world):
    sport, taal = CategoryFactory(slug="sport", name="Sport"), CategoryFactory(slug="taal", name="Taal")
    young = _published(world, title="Jongerenavond", category=sport, centre=world.centre_b, age_bands=["15_25"])
    other = _published(
        world, title="Taalcafé", category=taal, centre=world.centre_a, age_bands=["45_65"], price=Decimal("2")
    )
    return young, other


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_resident_finds_an_activity_for_young_people_with_the_filters(
    request, world, activities, axe_check, javascript
):
    page = request.getfixturevalue("page" if javascript else "nojs_page")
    page.goto("/")
    home = page.locator("main").inner_text()
    assert "Deze week te doen" in home and "Jongerenavond" in home
    page.get_by_role("link", name="Agenda", exact=True).first.click()
    page.wait_for_url(re.compile(r"/activiteiten/$"))
    if javascript:
        check(page, axe_check)
    page.get_by_label(re.compile(r"^Wijk:")).select_option(label="Westwijk")
    page.get_by_label(re.compile(r"^Voor wie:")).select_option(value="15_25")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url(re.compile(r"leeftijd=15_25"))
    main = page.locator("main").inner_text()
    assert "Jongerenavond" in main and "Taalcafé" not in main
    if javascript:
        check(page, axe_check)
    page.get_by_role("link", name="Jongerenavond").first.click()
    page.wait_for_url(re.compile(r"/activiteiten/[0-9a-f-]+/$"))
    assert "Jongeren (15 tot 25 jaar)" in page.locator("main").inner_text()
    feed = page.get_by_role("link", name="Zet in uw eigen agenda (iCal)").get_attribute("href")
    assert feed.endswith("/agenda.ics")
    if javascript:
        check(page, axe_check)


def test_a_professional_adds_an_activity_puts_it_on_the_calendar_and_calls_off_a_session(page, world, axe_check):
    CategoryFactory(slug="ontmoeten", name="Ontmoeten")
    log_in(page, world.users["professional_a"].email)
    page.get_by_role("link", name="Activiteiten beheren").first.click()
    page.wait_for_url(re.compile(r"/activiteiten/beheer/$"))
    check(page, axe_check)
    page.get_by_role("link", name="Nieuwe activiteit").click()
    page.wait_for_url(re.compile(r"/beheer/nieuw/$"))
    check(page, axe_check)
    page.get_by_role("button", name="Opslaan").click()  # empty: errors, nothing saved
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 3
    check(page, axe_check)

    page.get_by_label("Naam van de activiteit").fill("Breiclub")
    page.get_by_label("Wat gaan we doen?").fill("Samen breien en haken. Wol is er.")
    page.get_by_role("checkbox", name="Ouderen (65 jaar en ouder)").check()
    page.get_by_label("Eerste keer (datum)").fill((timezone.localdate() + dt.timedelta(days=1)).isoformat())
    page.get_by_label("Begintijd").fill("14:00")
    page.get_by_label("Eindtijd").fill("16:00")
    page.get_by_label(re.compile(r"^Herhalen:")).select_option(value="custom")
    page.get_by_label("Eigen herhaalregel").fill("FREQ=HOURLY")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "Deze herhaalregel klopt niet" in page.locator("main").inner_text()
    assert not Activity.objects.filter(title="Breiclub").exists()
    check(page, axe_check)

    page.get_by_label("Eigen herhaalregel").fill("FREQ=WEEKLY;INTERVAL=2")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/activiteiten/[0-9a-f-]+/$"))
    check(page, axe_check)
    page.get_by_role("button", name="Op de agenda zetten").click()
    page.wait_for_load_state()
    activity = Activity.objects.get(title="Breiclub")
    assert activity.status == ActivityStatus.PUBLISHED
    assert activity.sessions.count() == 7  # every other week within 91 days
    page.get_by_role("button", name=re.compile(r"^Afgelasten")).first.click()
    page.wait_for_load_state()
    assert "Gaat niet door" in page.locator("#bijeenkomsten").inner_text()
    assert activity.sessions.filter(status=SessionStatus.CANCELLED).count() == 1
    check(page, axe_check)


def test_a_resident_signs_up_cancels_by_link_and_the_first_on_the_waiting_list_moves_up(page, world, axe_check):
    from urllib.parse import urlsplit

    from tests.e2e.test_councils import log_out
    from wijkkracht.activities.constants import RegistrationStatus
    from wijkkracht.activities.models import Registration

    activity = _published(
        world,
        title="Kookclub",
        category=CategoryFactory(slug="eten", name="Samen eten"),
        centre=world.centre_a,
        age_bands=["25_45"],
        capacity=1,
    )
    log_in(page, world.users["volunteer"].email)
    page.goto(activity.url)
    check(page, axe_check)
    page.get_by_role("button", name=re.compile(r"^Aanmelden")).first.click()
    page.wait_for_load_state()
    assert "U bent aangemeld" in page.locator("main").inner_text()
    check(page, axe_check)
    vera = Registration.objects.get(person__user=world.users["volunteer"])

    log_out(page)
    log_in(page, world.users["resident"].email)
    page.goto(activity.url)
    assert "vol, wel een wachtlijst" in page.locator("#bijeenkomsten").inner_text()
    page.get_by_role("button", name=re.compile(r"^Aanmelden")).first.click()
    page.wait_for_load_state()
    assert "wachtlijst" in page.locator("main").inner_text()
    page.goto("/activiteiten/mijn-aanmeldingen/")
    assert "op de wachtlijst" in page.locator("main").inner_text()
    check(page, axe_check)
    ria = Registration.objects.get(person__user=world.users["resident"])
    assert ria.status == RegistrationStatus.WAITLISTED

    log_out(page)  # Vera cancels with the link from her mail, without logging in
    page.goto(urlsplit(services.cancel_url(vera)).path)
    check(page, axe_check)
    page.get_by_role("button", name="Ja, meld mij af").click()
    page.wait_for_load_state()
    assert "U bent afgemeld" in page.locator("main").inner_text()
    check(page, axe_check)
    assert Registration.objects.get(pk=vera.pk).status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=ria.pk).status == RegistrationStatus.REGISTERED  # moved up

    log_in(page, world.users["professional_a"].email)
    page.goto(activity.url)
    page.get_by_role("link", name=re.compile(r"^Aanmeldingen")).first.click()
    page.wait_for_url(re.compile(r"/bijeenkomsten/[0-9a-f-]+/$"))
    assert "Ria" in page.locator("main").inner_text()
    check(page, axe_check)
    page.get_by_role("button", name="Aanmelden", exact=True).click()  # empty: an error, nothing saved
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    check(page, axe_check)
    page.get_by_label(re.compile(r"^Naam:")).fill("Mevrouw Bos")
    page.get_by_label(re.compile(r"^Telefoon:")).fill("06 1234 5678")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.wait_for_load_state()
    assert "Mevrouw Bos staat op de wachtlijst" in page.locator("main").inner_text()
    check(page, axe_check)


def test_a_professional_records_attendance_and_a_head_count(page, world, axe_check):
    from tests.activities.factories import ActivityFactory, SessionFactory
    from wijkkracht.activities.models import Attendance, HeadCount, Registration

    activity = ActivityFactory(centre=world.centre_a, title="Inloop", capacity=5)
    now = timezone.now()
    session = SessionFactory(
        activity=activity,
        date=timezone.localdate(),
        starts_at=now - dt.timedelta(minutes=20),
        ends_at=now + dt.timedelta(hours=1),
    )
    Registration.objects.create(session=session, name="Mevrouw Bos", birth_year=1948)
    log_in(page, world.users["professional_a"].email)
    page.goto(f"/activiteiten/bijeenkomsten/{session.public_id}/")
    check(page, axe_check)
    page.get_by_role("button", name=re.compile(r"^Aanwezig.*Mevrouw Bos")).click()
    page.wait_for_load_state()
    assert "aanwezig" in page.locator("#presentie").inner_text()
    page.get_by_role("button", name="Aanwezig melden").click()  # empty: an error, nothing saved
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    check(page, axe_check)
    page.locator("#presentie").get_by_label(re.compile(r"^Naam:")).fill("Ahmed")
    page.locator("#presentie").get_by_label(re.compile(r"^Geboortejaar:")).fill("2007")
    page.get_by_role("button", name="Aanwezig melden").click()
    page.wait_for_load_state()
    assert Attendance.objects.filter(session=session).count() == 2
    page.get_by_label("Jongeren (15 tot 25 jaar): nieuw").fill("4")
    page.get_by_label("Jongeren (15 tot 25 jaar): vaker geweest").fill("2")
    page.get_by_role("button", name="Turving opslaan").click()
    page.wait_for_load_state()
    assert HeadCount.objects.get(session=session).total == 6
    check(page, axe_check)
    page.get_by_role("link", name="Presentielijst om af te drukken").click()
    page.wait_for_load_state()
    assert "Mevrouw Bos" in page.locator("main").inner_text()
    check(page, axe_check)


def test_the_reach_page_shows_the_15_55_band_first_and_the_map(page, world, axe_check):
    from tests import factories as f
    from tests.activities.factories import ActivityFactory, SessionFactory
    from wijkkracht.activities import reach
    from wijkkracht.activities.models import Attendance

    for code in (world.district_a.cbs_code, world.neighbourhood_a.cbs_code):
        f.AreaShapeFactory(cbs_code=code)
    session = SessionFactory(
        activity=ActivityFactory(centre=world.centre_a), date=timezone.localdate() - dt.timedelta(days=1)
    )
    year = timezone.localdate().year
    for n in range(6):
        person = f.PersonFactory(neighbourhood=world.neighbourhood_a, birth_year=year - 30, first_name=f"Buur{n}")
        Attendance.objects.create(session=session, person=person, birth_year=year - 30)
    reach.rebuild(years=[year])  # rows made directly: counted as the nightly job would
    log_in(page, world.users["analyst"].email)
    page.get_by_role("link", name="Bereik").first.click()
    page.wait_for_url(re.compile(r"/activiteiten/bereik/"))
    first_row = page.locator("table tbody tr").first.inner_text()
    assert "15 tot 55 jaar" in first_row and "6" in first_row
    assert "minder dan 5" in page.locator("table").first.inner_text()
    # The map of the neighbourhoods, its legend and the same numbers in the table beside it.
    svg = page.locator("svg.map[role=group]")
    assert svg.get_attribute("aria-label").startswith("Kaart van het bereik van 15 tot 55 jaar per buurt")
    assert page.locator("svg.map use.fill").count() == 1
    row = page.locator(f"#bereik-{world.neighbourhood_a.slug}").inner_text()
    assert "Randwijck West" in row and "6" in row
    page.get_by_role("link", name="Randwijck West").first.click()  # the shape leads to its row
    assert page.url.endswith(f"#bereik-{world.neighbourhood_a.slug}")
    check(page, axe_check)


def test_a_professional_books_a_room_is_refused_a_double_booking_and_records_attendance(page, world, axe_check):
    from tests.activities.factories import ActivityFactory, SessionFactory
    from wijkkracht.activities.models import Attendance, RoomBooking
    from wijkkracht.places.models import OpeningHours

    for weekday in range(7):
        OpeningHours.objects.create(centre=world.centre_a, weekday=weekday, opens=dt.time(8), closes=dt.time(23))
    day = timezone.localdate() + dt.timedelta(days=2)
    log_in(page, world.users["professional_a"].email)
    page.get_by_role("link", name="Activiteiten beheren").first.click()
    page.get_by_role("link", name="Zalen, boekingen en bezetting").click()
    page.wait_for_url(re.compile(r"/activiteiten/zalen/$"))
    assert "Heel het wijkcentrum" in page.locator("main").inner_text()
    check(page, axe_check)
    page.get_by_role("link", name="Grote zaal").click()
    page.wait_for_url(re.compile(r"/activiteiten/zalen/[0-9a-f-]+/"))
    check(page, axe_check)

    def book(holder: str, start: str, end: str) -> None:
        page.get_by_label(re.compile(r"^Datum:")).fill(day.isoformat())
        page.get_by_label(re.compile(r"^Van:")).fill(start)
        page.get_by_label(re.compile(r"^Tot:")).fill(end)
        page.get_by_label(re.compile(r"^Voor wie:")).select_option(value="hirer")
        page.get_by_label(re.compile(r"^Naam van de groep of huurder:")).fill(holder)
        page.get_by_label(re.compile(r"^Aantal personen:")).fill("12")
        page.get_by_role("button", name="Boeken").click()
        page.wait_for_load_state()

    book("Yogaschool Amstel", "10:00", "12:00")
    assert "Grote zaal is geboekt voor Yogaschool Amstel" in page.locator("main").inner_text()
    assert "Yogaschool Amstel" in page.locator(".room-week").inner_text()
    check(page, axe_check)
    book("Koor De Linde", "11:00", "13:00")  # overlaps: refused, the first booking named, nothing added
    assert "Grote zaal is dan al geboekt door Yogaschool Amstel" in page.locator("main").inner_text()
    assert RoomBooking.objects.count() == 1
    check(page, axe_check)
    page.get_by_role("button", name=re.compile(r"^Annuleren.*Yogaschool Amstel")).click()
    page.wait_for_load_state()
    assert "de zaal is weer vrij" in page.locator("main").inner_text()
    assert not RoomBooking.objects.live().exists()

    # A session tomorrow books the room from its own page; today's session gets its attendance recorded.
    from wijkkracht.activities.recurrence import local_datetime

    activity = ActivityFactory(centre=world.centre_a, title="Inloop", capacity=8)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    later = SessionFactory(
        activity=activity,
        date=tomorrow,
        starts_at=local_datetime(tomorrow, dt.time(10)),
        ends_at=local_datetime(tomorrow, dt.time(12)),
    )
    page.goto(f"/activiteiten/bijeenkomsten/{later.public_id}/")
    page.locator("#zaal").get_by_label(re.compile(r"^Zaal:")).select_option(label="Grote zaal (20 personen)")
    page.get_by_role("button", name="Zaal boeken voor deze bijeenkomst").click()
    page.wait_for_load_state()
    assert "Geboekt: Grote zaal" in page.locator("#zaal").inner_text()
    assert RoomBooking.objects.live().get().session == later
    check(page, axe_check)
    now = timezone.now()
    session = SessionFactory(
        activity=activity,
        date=timezone.localdate(),
        starts_at=now - dt.timedelta(minutes=20),
        ends_at=now + dt.timedelta(hours=1),
    )
    page.goto(f"/activiteiten/bijeenkomsten/{session.public_id}/")
    page.locator("#presentie").get_by_label(re.compile(r"^Naam:")).fill("Ahmed")
    page.locator("#presentie").get_by_label(re.compile(r"^Geboortejaar:")).fill("2007")
    page.get_by_role("button", name="Aanwezig melden").click()
    page.wait_for_load_state()
    assert Attendance.objects.filter(session=session, name="Ahmed").exists()
    assert "Ahmed" in page.locator("#presentie").inner_text()
    check(page, axe_check)
