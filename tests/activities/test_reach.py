"""Reach per district and year: different people by age band from named attendance, the 15–55 band first
(with the 45–55 share estimated from the CBS 45–65 band, said on screen), head-count visits apart, counts under
5 suppressed, against the CBS population; aggregates only, for the analyst, the council and the district's
professionals."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from tests import factories as f
from tests.activities.factories import ActivityFactory, SessionFactory
from wijkkracht.activities import reach, services
from wijkkracht.activities.constants import SessionStatus
from wijkkracht.activities.models import Attendance, HeadCount, ReachCount, ReachedPerson
from wijkkracht.activities.query import reach_counts
from wijkkracht.places.models import PopulationFigure

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def attended(world):
    activity = ActivityFactory(centre=world.centre_a)
    first, second = (SessionFactory(activity=activity, date=dt.date(YEAR, 11, day)) for day in (4, 11))
    for n, birth_year in enumerate([2000, 1995, 1990, 1985, 1980, 1975]):  # 26..51: all in 15–55
        Attendance.objects.create(session=first, name=f"Buur {n}", birth_year=birth_year)
        Attendance.objects.create(session=second, name=f"buur {n}", birth_year=birth_year)  # the same people
    Attendance.objects.create(session=first, name="Mevrouw Bos", birth_year=1948)
    Attendance.objects.create(session=first, person=world.users["resident"].person, birth_year=1980)
    HeadCount.objects.create(session=first, age_band="15_25", new=4, returning=3)
    other = SessionFactory(activity=ActivityFactory(centre=world.centre_b), date=dt.date(YEAR, 11, 4))
    Attendance.objects.create(session=other, name="Elders", birth_year=2000)
    PopulationFigure.objects.create(
        cbs_code=world.district_a.cbs_code,
        year=2024,
        level="district",
        inhabitants=10000,
        age_0_15=1500,
        age_15_25=1200,
        age_25_45=2800,
        age_45_65=2600,
        age_65_plus=1900,
    )
    reach.rebuild(years=[YEAR])  # rows made directly, as the nightly job would find them


def test_reach_counts_different_people_per_band(world, attended):
    counts = reach_counts(district_id=world.district_a.pk, year=YEAR)
    assert counts["people"] == 8
    assert counts["policy"] == 7  # six neighbours and Ria (46); not Mevrouw Bos (78)
    assert counts["bands"] == {"0_15": 0, "15_25": 0, "25_45": 4, "45_65": 3, "65_plus": 1}
    assert counts["visits"]["15_25"] == 7


def test_the_reach_page_shows_15_55_first_with_suppression(world, attended, client_for):
    response = client_for("analyst").get(reverse("activities:reach") + f"?wijk={world.district_a.slug}&jaar={YEAR}")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows[0]["key"] == "15_55"
    assert (rows[0]["reached"], rows[0]["population"], rows[0]["percent"]) == (7, 1200 + 2800 + 1300, 0.1)
    by_key = {row["key"]: row for row in rows}
    assert by_key["65_plus"]["reached"] is None  # 1: under 5, suppressed
    assert by_key["25_45"]["reached"] is None  # 4: suppressed too
    assert by_key["15_25"]["visits"] == 7
    html = response.content.decode()
    assert "de helft van 45–65" in html
    assert "<svg" in html and "<table" in html


@pytest.mark.parametrize(
    ("persona", "districts"),
    [
        ("analyst", ["Randwijck", "Westwijk"]),
        ("council_a", ["Randwijck"]),
        ("professional_b", ["Westwijk"]),
    ],
)
def test_each_sees_only_the_districts_they_may(world, client_for, persona, districts):
    response = client_for(persona).get(reverse("activities:reach") + f"?wijk={world.district_a.slug}")
    assert [d.name for d in response.context["districts"]] == districts
    assert response.context["district"].name == districts[0]


@pytest.mark.parametrize("persona", ["resident", "volunteer", "coordinator", "administrator"])
def test_others_may_not(world, client_for, persona):
    assert client_for(persona).get(reverse("activities:reach")).status_code == 403


def _kept(district_id: int, year: int) -> dict:
    kept = reach.counts(district_id=district_id, year=year)
    return {k: kept[k] for k in ("people", "bands", "policy", "unknown", "visits")}


def _raw(district_id: int, year: int) -> dict:
    return reach_counts(district_id=district_id, year=year)


def test_the_kept_counts_equal_the_raw_count(world, attended):
    assert _kept(world.district_a.pk, YEAR) == _raw(world.district_a.pk, YEAR)
    assert _kept(world.district_b.pk, YEAR) == _raw(world.district_b.pk, YEAR)
    assert ReachedPerson.objects.filter(district=world.district_a).count() == 8


def _snapshot():
    return sorted(
        ReachCount.objects.filter(people__gt=0).values_list(
            "district_id", "year", "neighbourhood_code", "band", "people"
        )
    ) + sorted(ReachCount.objects.filter(visits__gt=0).values_list("district_id", "year", "band", "visits"))


def test_every_write_keeps_the_counts_exact(world):
    """Check-ins (an account, a sign-up, names at the door, the same person twice), an undo, head counts changed
    and a session called off: after each, the kept counts equal the raw count and a rebuild from scratch."""
    pro = world.users["professional_a"]
    ria = world.users["resident"].person
    activity = ActivityFactory(centre=world.centre_a, capacity=20)
    now = timezone.now()
    day = timezone.localdate()
    first = SessionFactory(
        activity=activity, date=day, starts_at=now - dt.timedelta(minutes=30), ends_at=now + dt.timedelta(hours=1)
    )
    later = SessionFactory(
        activity=activity,
        date=day + dt.timedelta(days=1),
        starts_at=now + dt.timedelta(minutes=30),
        ends_at=now + dt.timedelta(hours=2),
    )

    def check():
        year = day.year
        assert _kept(world.district_a.pk, year) == _raw(world.district_a.pk, year)
        before = _snapshot()
        reach.rebuild(years=[year])
        assert _snapshot() == before

    services.attendance_check_in(session=first, actor=pro, name="Ahmed", birth_year=day.year - 17)
    services.attendance_check_in(session=later, actor=pro, name="ahmed ", birth_year=day.year - 17)  # again
    check()
    services.attendance_check_in(session=first, actor=pro, name="Mevrouw Bos", birth_year=1948)
    undo = services.attendance_check_in(session=first, actor=pro, name="Vergissing", birth_year=1990)
    check()
    services.attendance_undo(attendance=undo, actor=pro)
    check()
    with freeze_time(now - dt.timedelta(hours=2)):
        signed = services.registration_create(session=later, actor=world.users["resident"], person=ria)
    services.attendance_check_in(session=later, actor=pro, registration=signed)
    check()
    assert reach.counts(district_id=world.district_a.pk, year=day.year)["neighbourhoods"] == {
        world.neighbourhood_a.cbs_code: {"all": 1, "15_55": 1 if 15 <= day.year - ria.birth_year <= 54 else 0}
    }
    services.head_count_save(session=first, actor=pro, counts={"15_25": (4, 3), "65_plus": (2, 0)})
    services.head_count_save(session=first, actor=pro, counts={"15_25": (1, 1), "65_plus": (0, 0)})
    check()
    assert _kept(world.district_a.pk, day.year)["visits"]["15_25"] == 2
    # The later session is called off: its check-ins no longer count.
    services.session_cancel(session=later, actor=pro)
    assert later.status == SessionStatus.CANCELLED
    check()
    assert _kept(world.district_a.pk, day.year)["people"] == 2  # Ahmed and Mevrouw Bos


def test_the_reach_map_shades_the_neighbourhoods_with_the_table_beside(world, client_for):
    for code in (world.district_a.cbs_code, world.neighbourhood_a.cbs_code):
        f.AreaShapeFactory(cbs_code=code)
    PopulationFigure.objects.create(
        cbs_code=world.neighbourhood_a.cbs_code,
        year=2024,
        level="neighbourhood",
        inhabitants=4000,
        age_0_15=600,
        age_15_25=400,
        age_25_45=1000,
        age_45_65=1000,
        age_65_plus=1000,
    )
    activity = ActivityFactory(centre=world.centre_a)
    session = SessionFactory(activity=activity, date=dt.date(YEAR, 11, 4))
    for n in range(30):
        person = f.PersonFactory(neighbourhood=world.neighbourhood_a, birth_year=1990, first_name=f"Buur{n}")
        Attendance.objects.create(session=session, person=person, birth_year=1990)
    reach.rebuild(years=[YEAR])
    response = client_for("analyst").get(reverse("activities:reach") + f"?wijk={world.district_a.slug}&jaar={YEAR}")
    (row,) = response.context["map"]["neighbourhoods"]
    # 30 of 400 + 1000 + 500 = 1900 residents aged 15–55: 1.6 %.
    assert (row.policy_reached, row.policy_population, row.policy_percent, row.shade) == (30, 1900, 1.6, 2)
    html = response.content.decode()
    assert 'class="fill shade-2"' in html
    assert 'href="#bereik-' in html and 'id="bereik-' in html
    assert "Bereik per buurt in Randwijck" in html
    assert html.count('id="reach-map-heading"') == 1  # the map once


def test_the_reach_page_runs_a_fixed_number_of_queries(world, attended, client_for, django_assert_max_num_queries):
    client = client_for("analyst")
    url = reverse("activities:reach") + f"?wijk={world.district_a.slug}&jaar={YEAR}"
    client.get(url)
    activity = ActivityFactory(centre=world.centre_a)
    for day in range(1, 20):
        session = SessionFactory(activity=activity, date=dt.date(YEAR, 10, day))
        for n in range(10):
            Attendance.objects.create(session=session, name=f"Bezoeker {day}-{n}", birth_year=1950 + n)
        HeadCount.objects.create(session=session, age_band="25_45", new=3, returning=4)
    reach.rebuild(years=[YEAR])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.context["people"] == 8 + 190
