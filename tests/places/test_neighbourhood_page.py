"""A page per neighbourhood (/buurten/<slug>/): where it lies, its figures, the centres near it, the council that
covers it and what is on; linked from the district page and from search."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from tests.places.test_pages import count_queries, figure, grow
from wijkkracht.places.models import AreaShape, CommunityCentre

SQUARE = "M0 0L1000 0L1000 1000L0 1000Z"
HALF = "M0 0L500 0L500 1000L0 1000Z"


def place(centre, lon, lat):
    CommunityCentre.objects.filter(pk=centre.pk).update(lon=lon, lat=lat)


def page(client, nb):
    response = client.get(nb.get_absolute_url())
    assert response.status_code == 200
    return response.text


def test_the_page_names_the_neighbourhood_and_its_district(world, client_for):
    text = page(client_for("anonymous"), world.neighbourhood_a)
    assert "<h1>Buurt Randwijck West</h1>" in text
    assert "Deze buurt hoort bij wijk Randwijck in Amstelveen." in text
    assert f'<a href="{world.district_a.url}">Meer over wijk Randwijck</a>' in text
    breadcrumbs = text.split('aria-label="Kruimelpad"')[1].split("</nav>")[0] if "Kruimelpad" in text else text
    assert world.district_a.url in breadcrumbs


def test_the_map_marks_the_neighbourhood_and_links_the_others_to_their_pages(world, client_for):
    other = f.NeighbourhoodFactory(district=world.district_a, cbs_code="BU03620102", name="Randwijck Oost")
    AreaShape.objects.filter(cbs_code__in=["BU03620101", "BU03620102"]).update(svg_path=HALF, bbox=[0, 0, 500, 1000])
    AreaShape.objects.filter(cbs_code=world.district_a.cbs_code).update(svg_path=SQUARE, bbox=[0, 0, 1000, 1000])
    text = page(client_for("anonymous"), world.neighbourhood_a)
    assert 'class="fill highlight"' in text  # this neighbourhood, dark
    assert re.search(r'<a href="/buurten/randwijck-west/" aria-label="Randwijck West" aria-current="page"', text)
    assert '<a href="/buurten/randwijck-oost/" aria-label="Randwijck Oost" data-code' in text
    assert ">Randwijck</tspan><tspan" in text  # names drawn on the map
    # The map never stands alone: the other neighbourhoods as a list of links too.
    others = text.split('id="others-heading"')[1]
    assert f'<a href="{other.get_absolute_url()}">Randwijck Oost</a>' in others


def test_figures_beside_the_district_and_the_city_with_source_and_dashes(world, client_for):
    figure(world.neighbourhood_a.cbs_code, year=2024, inhabitants=3215, age_0_15=None, source="CBS, Kerncijfers 2024")
    figure(world.district_a.cbs_code, year=2024, inhabitants=13375, source="CBS, Kerncijfers 2024")
    figure(world.municipality.cbs_code, year=2024, inhabitants=94435, source="CBS, Kerncijfers 2024")
    text = page(client_for("anonymous"), world.neighbourhood_a)
    table = text.split('id="figures-heading"')[1].split("</table>")[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)', table)
    assert rows == ["Buurt Randwijck West", "Wijk Randwijck", "Heel Amstelveen"]
    assert '<td class="num" data-label="Inwoners">3.215</td>' in table
    assert '<td class="num" data-label="0 t/m 14 jaar"><span aria-hidden="true">–</span>' in table
    assert ">13.375<" in table and ">94.435<" in table
    assert "Een streepje (–) betekent: dit aantal is geheim of niet bekend" in text
    assert "Bron: CBS, Kerncijfers 2024." in text
    assert "verzonnen" not in text.split("</header>")[1]


def test_synthetic_figures_are_marked_and_never_called_cbs(world, client_for):
    figure(world.neighbourhood_a.cbs_code, year=2024, inhabitants=900, synthetic=True, source="demo")
    text = page(client_for("anonymous"), world.neighbourhood_a)
    assert "Let op: deze aantallen zijn verzonnen voor de demo. Ze komen niet van het CBS." in text
    assert "Bron:" not in text.split('id="figures-heading"')[1].split("</section>")[0]


def test_without_figures_the_page_says_so(world, client_for):
    text = page(client_for("anonymous"), world.neighbourhood_a)
    assert "Voor deze buurt zijn nog geen cijfers geladen." in text
    assert "<table" not in text.split('id="figures-heading"')[1].split("</section>")[0]


def test_the_nearest_centres_by_distance_from_the_neighbourhood(world, client_for):
    nb = world.neighbourhood_b  # Westwijk Noord, in Westwijk
    type(nb).objects.filter(pk=nb.pk).update(centroid_lon=4.86, centroid_lat=52.30)
    place(world.centre_a, 4.87, 52.30)  # ~0.7 km, in another district
    place(world.centre_b, 4.86, 52.32)  # ~2.2 km, in its own district
    far = f.CommunityCentreFactory(district=world.district_b, name="Ver Weg", lon=4.95, lat=52.40)
    near = f.CommunityCentreFactory(district=world.district_a, name="Dichtbij", lon=4.861, lat=52.301)
    text = page(client_for("anonymous"), nb)
    section = text.split('id="centres-heading"')[1].split("</section>")[0]
    assert re.findall(r'<h3><a href="([^"]+)"', section) == [near.url, world.centre_a.url, world.centre_b.url]
    assert far.url not in section
    assert "In wijk Randwijck, ongeveer 0,1 km hiervandaan" in section
    assert "In deze wijk, ongeveer 2,2 km hiervandaan" in section


def test_the_council_of_its_district_or_else_of_the_nearest_centre_with_one(world, client_for):
    text = page(client_for("anonymous"), world.neighbourhood_a)
    assert "De Gebruikersraad Villa Randwijck praat mee over deze buurt." in text
    lonely = f.DistrictFactory(municipality=world.municipality, cbs_code="WK036290", name="Elsrijk")
    nb = f.NeighbourhoodFactory(district=lonely, cbs_code="BU03629001", name="Elsrijk Oost")
    type(nb).objects.filter(pk=nb.pk).update(centroid_lon=4.86, centroid_lat=52.30)
    nb.refresh_from_db()
    place(world.centre_a, 4.87, 52.30)
    text = page(client_for("anonymous"), nb)
    assert (
        "Wijk Elsrijk heeft geen eigen gebruikersraad. De Gebruikersraad Villa Randwijck van het dichtstbijzijnde "
        "wijkcentrum Villa Randwijck praat ook mee over deze buurt." in text
    )


def test_no_centre_located_and_no_council_still_leads_on(world, client_for):
    lonely = f.DistrictFactory(municipality=world.municipality, cbs_code="WK036291", name="Leeg")
    nb = f.NeighbourhoodFactory(district=lonely, cbs_code="BU03629101", name="Leeg Noord")
    AreaShape.objects.filter(cbs_code__in=[lonely.cbs_code, nb.cbs_code]).delete()
    text = page(client_for("anonymous"), nb)
    assert "Wij weten nog niet welk wijkcentrum het dichtstbij is." in text
    assert "Er is nog geen gebruikersraad voor deze buurt." in text
    assert "Er is nog geen kaart van deze wijk geladen." in text


def test_whats_on_nearby_and_the_calendar_for_this_neighbourhood(world, client_for):
    text = page(client_for("anonymous"), world.neighbourhood_a)
    assert "Deze week te doen" in text
    assert f'{reverse("activities:calendar")}?buurt=randwijck-west"' in text
    assert client_for("anonymous").get(reverse("activities:calendar") + "?buurt=randwijck-west").status_code == 200


def test_the_district_page_links_each_neighbourhood_to_its_page(world, client_for):
    text = client_for("anonymous").get(world.district_a.url).text
    assert '<th scope="row"><a href="/buurten/randwijck-west/">Randwijck West</a></th>' in text


def test_search_leads_to_the_neighbourhood_page(world, client_for):
    text = client_for("anonymous").get(reverse("places:search") + "?q=Randwijck+West").text
    assert '<a href="/buurten/randwijck-west/">Buurt Randwijck West</a>' in text
    assert "in wijk Randwijck" in text


def test_an_unknown_neighbourhood_is_a_404(world, client_for):
    assert client_for("anonymous").get("/buurten/bestaat-niet/").status_code == 404


def test_in_english(world, client):
    figure(world.neighbourhood_a.cbs_code, year=2024, inhabitants=3215)
    with translation.override("nl"):
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        text = client.get(world.neighbourhood_a.get_absolute_url()).text
    assert "Neighbourhood Randwijck West" in text and ">3,215<" in text
    assert "Community centres nearby" in text


@pytest.mark.parametrize("persona", ["anonymous", "resident", "professional_a"])
def test_the_page_uses_a_constant_number_of_queries(world, client_for, persona):
    client = client_for(persona)
    url = world.neighbourhood_a.get_absolute_url()
    small = count_queries(client, url)
    grow(world)
    for i in range(4):
        f.CouncilFactory(district=world.district_b, centre=world.centre_b, name=f"Raad {i}")
    assert count_queries(client, url) == small
