"""Public place pages: what they show, and a query count that does not grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from wijkkracht.places.models import OpeningHours, PopulationFigure


def figure(code, year=2023, inhabitants=1000, **kwargs):
    level = {"GM": "municipality", "WK": "district", "BU": "neighbourhood"}[code[:2]]
    return PopulationFigure.objects.create(cbs_code=code, year=year, level=level, inhabitants=inhabitants, **kwargs)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow(world, n=6):
    """More of everything: districts with neighbourhoods, centres with rooms and hours, figures."""
    for i in range(n):
        district = f.DistrictFactory(municipality=world.municipality, cbs_code=f"WK0362{80 + i}")
        figure(district.cbs_code)
        for k in range(2):
            nb = f.NeighbourhoodFactory(district=world.district_a, cbs_code=f"BU036201{50 + 2 * i + k}")
            figure(nb.cbs_code, inhabitants=None)
        centre = f.CommunityCentreFactory(district=district)
        f.CommunityCentreFactory(district=world.district_a)
        f.RoomFactory(centre=world.centre_a)
        OpeningHours.objects.create(centre=world.centre_a, weekday=i % 7, opens=dt.time(8 + i), closes=dt.time(20))
        f.RoomFactory(centre=centre)
    figure(world.municipality.cbs_code, year=2022)
    figure(world.district_a.cbs_code, year=2022)


PAGES = {
    "home": lambda w: reverse("places:home"),
    "figures": lambda w: reverse("places:figures"),
    "district": lambda w: w.district_a.url,
    "centre": lambda w: w.centre_a.url,
}


@pytest.mark.parametrize("persona", ["anonymous", "professional_a", "administrator"])
@pytest.mark.parametrize("page", PAGES)
def test_place_pages_use_a_constant_number_of_queries(world, client_for, page, persona):
    client = client_for(persona)
    url = PAGES[page](world)
    small = count_queries(client, url)
    grow(world)
    large = count_queries(client, url)
    assert large == small


def test_home_lists_districts_and_centres(world, client_for):
    text = client_for("anonymous").get(reverse("places:home")).text
    for obj in (world.district_a, world.district_b, world.centre_a, world.centre_b):
        assert obj.url in text


def test_district_page_shows_unknown_as_unknown_never_zero(world, client_for):
    figure(world.neighbourhood_a.cbs_code, inhabitants=None)
    figure(world.district_a.cbs_code, inhabitants=4200, synthetic=True)
    text = client_for("anonymous").get(world.district_a.url).text
    assert "onbekend" in text
    assert "Let op: deze aantallen zijn verzonnen voor de demo." in text
    assert world.centre_a.url in text


def test_figures_show_the_newest_year(world, client_for):
    figure(world.district_a.cbs_code, year=2022, inhabitants=100)
    figure(world.district_a.cbs_code, year=2024, inhabitants=12345)
    response = client_for("anonymous").get(reverse("places:figures"))
    assert "12.345" in response.text and ">100<" not in response.text


def test_centre_page_shows_hours_and_rooms(world, client_for):
    OpeningHours.objects.create(centre=world.centre_a, weekday=2, opens=dt.time(9), closes=dt.time(17))
    text = client_for("anonymous").get(world.centre_a.url).text
    assert "Woensdag" in text and "09:00 – 17:00" in text
    assert "Grote zaal" in text


def test_the_latest_population_figure_per_area_is_the_newest_year(world):
    from wijkkracht.places.models import PopulationFigure

    for year, inhabitants in ((2021, 100), (2023, 300), (2022, 200)):
        PopulationFigure.objects.create(
            cbs_code=world.district_a.cbs_code, year=year, level="district", name="Randwijck", inhabitants=inhabitants
        )
    latest = PopulationFigure.objects.latest_by_code([world.district_a.cbs_code, world.district_b.cbs_code])
    assert list(latest) == [world.district_a.cbs_code]
    assert (latest[world.district_a.cbs_code].year, latest[world.district_a.cbs_code].inhabitants) == (2023, 300)
