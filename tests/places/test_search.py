"""Finding your district: by name, everyday name, neighbourhood, centre or postcode; a GET form."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from wijkkracht.audit.models import AuditEvent
from wijkkracht.places import services
from wijkkracht.places.models import DistrictAlias, PostcodeArea
from wijkkracht.places.search import find


def search(client, q):
    response = client.get(reverse("places:search"), {"q": q})
    assert response.status_code == 200
    return response.text


def alias(district, name):
    return services.district_alias_save(alias=DistrictAlias(district=district, name=name), actor=None)


def test_the_home_page_has_a_get_search_form(world, client_for):
    text = client_for("anonymous").get(reverse("places:home")).text
    assert f'action="{reverse("places:search")}"' in text and 'method="get"' in text
    assert 'name="q"' in text


@pytest.mark.parametrize("q", ["Randwijck", "randwijck", "  RANDWIJCK ", "randw", "Rändwijck"])
def test_a_district_is_found_by_its_name_whatever_the_case_or_accents(world, client_for, q):
    result = find(q, world.municipality)
    assert [h.district for h in result.hits] == [world.district_a]


def test_an_everyday_name_finds_its_district_and_says_why(world, client_for):
    alias(world.district_b, "Het Dorp")
    text = search(client_for("anonymous"), "het dorp")
    assert world.district_b.url in text and world.district_a.url not in text
    assert "ook wel: Het Dorp" in text


def test_one_everyday_name_can_point_to_two_districts(world):
    alias(world.district_a, "Westwijk")
    alias(world.district_b, "westwijk")
    assert {h.district for h in find("Westwijk", world.municipality).hits} == {world.district_a, world.district_b}


def test_a_neighbourhood_name_finds_the_neighbourhood_page(world, client_for):
    text = search(client_for("anonymous"), "Randwijck West")
    assert '<a href="/buurten/randwijck-west/">Buurt Randwijck West</a>' in text
    assert "in wijk Randwijck" in text


def test_a_centre_name_finds_its_district(world):
    hits = find("Westend", world.municipality).hits
    assert [(h.district, h.reason) for h in hits] == [(world.district_b, "centre")]


def test_exact_matches_come_before_partial_ones(world):
    f.DistrictFactory(municipality=world.municipality, cbs_code="WK036290", name="Westwijk Zuid")
    names = [h.district.name for h in find("Westwijk", world.municipality).hits]
    assert names == ["Westwijk", "Westwijk Zuid"]


def test_nothing_found_suggests_close_names_and_points_to_the_map(world, client_for):
    text = search(client_for("anonymous"), "Randwyk")
    assert "Niets gevonden" in text and "Bedoelt u:" in text and world.district_a.url in text


def test_an_empty_search_shows_just_the_form(world, client_for):
    text = search(client_for("anonymous"), "   ")
    assert "Niets gevonden" not in text and 'name="q"' in text


def test_the_page_says_when_no_postcode_table_is_loaded(world, client_for):
    assert not PostcodeArea.objects.exists()
    home = client_for("anonymous").get(reverse("places:home")).text
    assert "Zoek uw wijk: typ de naam of een buurt" in home and "postcode" not in home.split("search-q")[0][-300:]
    text = search(client_for("anonymous"), "1181 AB")
    assert "de postcodetabel van het CBS is nog niet geladen" in text


def test_a_postcode_finds_its_neighbourhood_once_the_table_is_loaded(world, client_for):
    PostcodeArea.objects.create(postcode="1181AB", neighbourhood=world.neighbourhood_a, addresses=12)
    PostcodeArea.objects.create(postcode="1181AC", neighbourhood=world.neighbourhood_b, addresses=3)
    client = client_for("anonymous")
    for q in ("1181 AB", "1181ab", " 1181AB "):
        text = search(client, q)
        assert '<a href="/buurten/randwijck-west/">Buurt Randwijck West</a>' in text
        assert "in wijk Randwijck, postcode 1181 AB" in text and world.district_b.url not in text
    four = find("1181", world.municipality)
    assert [h.district for h in four.hits] == [world.district_a, world.district_b]  # most addresses first
    text = search(client, "9999 ZZ")
    assert "Postcode 9999 ZZ ligt niet in deze gemeente" in text
    assert "Zoek uw wijk: typ de naam, een buurt of uw postcode" in client.get(reverse("places:home")).text


def test_search_needs_a_fixed_number_of_queries(world, client_for):
    client = client_for("anonymous")

    def queries(q):
        with CaptureQueriesContext(connection) as ctx:
            search(client, q)
        return len(ctx)

    small = queries("wijk"), queries("1181")
    for i in range(8):
        d = f.DistrictFactory(municipality=world.municipality, cbs_code=f"WK0362{60 + i}", name=f"Wijk {i}")
        alias(d, f"Bijnaam {i}")
        nb = f.NeighbourhoodFactory(district=d, cbs_code=f"BU0362{60 + i}01", name=f"Buurt {i}")
        f.CommunityCentreFactory(district=d, name=f"Wijkhuis {i}")
        PostcodeArea.objects.create(postcode=f"1181B{chr(65 + i)}", neighbourhood=nb, addresses=1)
    assert (queries("wijk"), queries("1181")) == small


def test_an_alias_is_kept_tidy_unique_per_district_and_audited(world):
    saved = alias(world.district_a, "  Het   Oude  Dorp ")
    assert (saved.name, saved.key) == ("Het Oude Dorp", "het oude dorp")
    assert AuditEvent.objects.filter(action="places.district_alias_create").count() == 1
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        alias(world.district_a, "het oude dorp")
    with pytest.raises(ValidationError):
        alias(world.district_a, "---")
    assert DistrictAlias.objects.count() == 1


def test_an_administrator_edits_aliases_in_the_admin(world, client_for):
    admin = client_for("administrator")
    response = admin.post(
        reverse("admin:places_districtalias_add"), {"district": world.district_a.pk, "name": "Het Park"}
    )
    assert response.status_code == 302, response.text[:500]
    assert DistrictAlias.objects.get().name == "Het Park"
    assert AuditEvent.objects.filter(action="places.district_alias_create", actor=world.users["administrator"]).exists()
    assert client_for("professional_a").get(reverse("admin:places_districtalias_add")).status_code in (302, 403)
