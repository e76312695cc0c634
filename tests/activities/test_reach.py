"""Reach per district and year: different people by age band from named attendance, the 15–55 band first
(with the 45–55 share estimated from the CBS 45–65 band, said on screen), head-count visits apart, counts under
5 suppressed, against the CBS population; aggregates only, for the analyst, the council and the district's
professionals."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.activities.factories import ActivityFactory, SessionFactory
from wijkkracht.activities.models import Attendance, HeadCount
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
