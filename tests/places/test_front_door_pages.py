"""District pages without dead ends, maps that name their places, and figures a person can read."""

import re

from django.urls import reverse
from django.utils import translation

from tests import factories as f
from tests.places.test_pages import figure
from wijkkracht.places.models import AreaShape, CommunityCentre

SQUARE = "M0 0L1000 0L1000 1000L0 1000Z"


def place(centre, lon, lat):
    CommunityCentre.objects.filter(pk=centre.pk).update(lon=lon, lat=lat)


def test_a_district_without_a_centre_shows_the_nearest_centres_by_distance_and_its_council(world, client_for):
    lonely = f.DistrictFactory(
        municipality=world.municipality, cbs_code="WK036290", name="Elsrijk", centroid_lon=4.86, centroid_lat=52.30
    )
    place(world.centre_a, 4.87, 52.30)  # ~0.7 km east
    place(world.centre_b, 4.86, 52.32)  # ~2.2 km north
    far = f.CommunityCentreFactory(district=world.district_b, name="Ver Weg", lon=4.95, lat=52.40)
    near_other = f.CommunityCentreFactory(district=world.district_b, name="Dichtbij", lon=4.861, lat=52.301)
    text = client_for("anonymous").get(lonely.url).text
    assert "Deze wijk heeft geen eigen wijkcentrum" in text
    order = [m for m in re.findall(r'<h3><a href="([^"]+)"', text)]
    assert order == [near_other.url, world.centre_a.url, world.centre_b.url]  # the three nearest, nearest first
    assert far.url not in text
    assert "ongeveer 0,1 km hiervandaan" in text and "ongeveer 0,7 km hiervandaan" in text
    # No council of its own: the council of the nearest centre that has one.
    assert "De Gebruikersraad Villa Randwijck van het dichtstbijzijnde wijkcentrum Villa Randwijck" in text


def test_a_district_council_of_its_own_is_named(world, client_for):
    text = client_for("anonymous").get(world.district_a.url).text
    assert "De Gebruikersraad Villa Randwijck praat mee over deze wijk." in text
    assert "Wijkcentra in deze wijk" in text


def test_a_district_without_centres_anywhere_still_leads_on(world, client_for):
    CommunityCentre.objects.filter(lon__isnull=False).update(lon=None, lat=None)
    lonely = f.DistrictFactory(municipality=world.municipality, cbs_code="WK036291", name="Leeg", centroid_lon=4.8)
    text = client_for("anonymous").get(lonely.url).text
    assert "Bekijk alle wijkcentra" in text
    assert "Er is nog geen gebruikersraad voor deze wijk" in text


def test_the_district_map_names_each_neighbourhood_and_links_it_to_its_row(world, client_for):
    AreaShape.objects.filter(cbs_code__startswith="BU").update(svg_path=SQUARE, bbox=[0, 0, 1000, 1000])
    AreaShape.objects.filter(cbs_code=world.district_a.cbs_code).update(svg_path=SQUARE, bbox=[0, 0, 1000, 1000])
    place(world.centre_a, 4.85, 52.30)
    text = client_for("anonymous").get(world.district_a.url).text
    link = re.search(r'<a href="#(buurt-[a-z-]+)" aria-label="Randwijck West"', text)
    assert link and link.group(1) == "buurt-randwijck-west"
    assert f'<tr id="{link.group(1)}"' in text
    assert re.search(r"<text [^>]*aria-hidden=\"true\"><tspan [^>]*>Randwijck</tspan><tspan [^>]*>West</tspan>", text)
    assert 'aria-label="Wijkcentrum Villa Randwijck"' in text  # the centre marker
    assert "= wijkcentrum." in text
    # The district in its place in the city: every district drawn, this one marked.
    city = text.split('id="city-heading"')[1]
    assert 'class="fill highlight"' in city and city.count('class="fill') == 2


def test_the_home_map_names_districts_and_marks_centres(world, client_for):
    AreaShape.objects.filter(cbs_code__startswith="WK").update(svg_path=SQUARE, bbox=[0, 0, 1000, 1000])
    place(world.centre_a, 4.85, 52.30)
    text = client_for("anonymous").get(reverse("places:home")).text
    assert ">Randwijck</tspan>" in text and ">Westwijk</tspan>" in text
    assert 'aria-label="Wijkcentrum Villa Randwijck"' in text


def test_figures_are_formatted_totalled_and_written_as_people_say_them(world, client_for):
    figure(world.district_a.cbs_code, year=2024, inhabitants=13375, age_0_15=2270, age_65_plus=None)
    figure(world.district_b.cbs_code, year=2024, inhabitants=980)
    figure(world.municipality.cbs_code, year=2024, inhabitants=94435)
    text = client_for("anonymous").get(reverse("places:figures")).text
    assert ">13.375<" in text and ">2.270<" in text and ">94.435<" in text
    assert "Heel Amstelveen" in text
    assert "0 t/m 14 jaar" in text and "65 jaar en ouder" in text and "0–15" not in text
    assert "Een streepje (–) betekent: dit aantal is geheim of niet bekend" in text
    assert "Bron:" in text and "CBS, Kerncijfers wijken en buurten" in text
    assert "verzonnen" not in text.split("</header>")[1]
    # The chart beside the table: one bar per district, the largest full width.
    assert re.findall(r'<rect width="([\d.]+)"', text) == ["100.0", "7.3"]


def test_synthetic_figures_never_claim_cbs_as_their_source(world, client_for):
    figure(world.district_a.cbs_code, year=2024, inhabitants=13375, synthetic=True, source="demo")
    figure(world.municipality.cbs_code, year=2024, inhabitants=13375, synthetic=True, source="demo")
    text = client_for("anonymous").get(reverse("places:figures")).text
    assert "Let op: deze aantallen zijn verzonnen voor de demo. Ze komen niet van het CBS." in text
    assert "Bron:" not in text


def test_figures_in_english_use_english_number_formatting(world, client):
    figure(world.district_a.cbs_code, year=2024, inhabitants=13375)
    with translation.override("nl"):  # the request switches this thread to English; switch it back after
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        text = client.get(reverse("places:figures")).text
    assert ">13,375<" in text and "0 to 14 years" in text
