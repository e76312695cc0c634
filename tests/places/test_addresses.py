"""Readable addresses: slugs made once from the name, unique, kept on rename; the old UUID addresses move (301)."""

import uuid

import pytest
from django.urls import reverse

from tests import factories as f
from wijkkracht.places.models import CommunityCentre, District


def test_places_get_readable_unique_slugs(world):
    assert world.district_a.slug == "randwijck"
    assert world.district_a.url == "/wijken/randwijck/"
    assert world.neighbourhood_a.slug == "randwijck-west"
    assert world.centre_a.slug == "villa-randwijck"
    assert world.centre_a.url == "/wijkcentra/villa-randwijck/"
    twin = f.DistrictFactory(municipality=world.municipality, cbs_code="WK036290", name="Randwijck")
    third = f.DistrictFactory(municipality=world.municipality, cbs_code="WK036291", name="Randwijck")
    assert (twin.slug, third.slug) == ("randwijck-2", "randwijck-3")
    odd = f.DistrictFactory(municipality=world.municipality, cbs_code="WK036292", name="Bovenkerk - Westwijk, Noord")
    assert odd.slug == "bovenkerk-westwijk-noord"
    accents = f.CommunityCentreFactory(district=world.district_a, name="Café De Zwaan")
    assert accents.slug == "cafe-de-zwaan"


def test_a_slug_stays_when_the_name_changes(world):
    district = world.district_a
    district.name = "Randwijck Nieuw"
    district.save()
    district.refresh_from_db()
    assert district.slug == "randwijck"


def test_a_name_without_letters_falls_back_to_the_cbs_code(world):
    district = f.DistrictFactory(municipality=world.municipality, cbs_code="WK036293", name="—")
    assert district.slug == "wk036293"


def test_slug_pages_answer(world, client_for):
    assert client_for("anonymous").get("/wijken/randwijck/").status_code == 200
    assert client_for("anonymous").get("/wijkcentra/villa-randwijck/").status_code == 200
    assert client_for("anonymous").get("/wijken/bestaat-niet/").status_code == 404


def test_a_neighbourhood_has_a_readable_address_with_a_page_of_its_own(world, client_for):
    assert world.neighbourhood_a.get_absolute_url() == "/buurten/randwijck-west/"
    response = client_for("anonymous").get("/buurten/randwijck-west/")
    assert response.status_code == 200
    assert "<h1>Buurt Randwijck West</h1>" in response.text
    assert client_for("anonymous").get("/buurten/bestaat-niet/").status_code == 404


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (lambda w: f"/wijken/{w.district_a.public_id}/", lambda w: "/wijken/randwijck/"),
        (lambda w: f"/wijkcentra/{w.centre_a.public_id}/", lambda w: "/wijkcentra/villa-randwijck/"),
        (
            lambda w: f"/wijkcentra/{w.centre_a.public_id}/openingstijden/",
            lambda w: "/wijkcentra/villa-randwijck/openingstijden/",
        ),
        (
            lambda w: f"/wijkcentra/{w.centre_a.public_id}/zalen/{w.room_a.public_id}/",
            lambda w: f"/wijkcentra/villa-randwijck/zalen/{w.room_a.public_id}/",
        ),
        (lambda w: f"/wijken/{w.district_a.public_id}/?taal=en", lambda w: "/wijken/randwijck/?taal=en"),
    ],
)
def test_old_uuid_addresses_move_permanently(world, client_for, old, new):
    response = client_for("anonymous").get(old(world))
    assert response.status_code == 301
    assert response["Location"] == new(world)


def test_an_unknown_old_address_is_404_and_a_post_to_it_is_refused(world, client_for):
    assert client_for("anonymous").get("/wijken/00000000-0000-0000-0000-000000000000/").status_code == 404
    url = f"/wijkcentra/{world.centre_a.public_id}/bewerken/"
    assert client_for("professional_a").post(url, {}).status_code == 405


def test_rooms_and_people_keep_opaque_ids(world, client_for):
    text = client_for("professional_a").get(world.centre_a.url).text
    assert reverse("places:room_edit", args=[world.centre_a.slug, world.room_a.public_id]) in text


def test_existing_rows_get_slugs_from_the_migration(transactional_db):
    """The data migration fills slugs for rows made before slugs existed (names may repeat)."""
    from django.core.management import call_command

    # Going back to places 0003 also unapplies every later migration that depends on places (other apps' tables):
    # the finally brings the whole schema forward again, so later tests find every table.
    call_command("migrate", "places", "0003", verbosity=0)
    try:
        _slugs_from_the_migration()
    finally:
        call_command("migrate", verbosity=0)


def _slugs_from_the_migration():
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO places_municipality (public_id, cbs_code, name) VALUES (%s, 'GM0362', 'Amstelveen')",
            [str(uuid.uuid4()) if connection.vendor == "postgresql" else uuid.uuid4().hex],
        )
        cursor.execute("SELECT id FROM places_municipality")
        (gm,) = cursor.fetchone()
        for code in ("WK036201", "WK036202"):
            cursor.execute(
                "INSERT INTO places_district (public_id, cbs_code, name, municipality_id) VALUES (%s, %s, 'Oost', %s)",
                [str(uuid.uuid4()) if connection.vendor == "postgresql" else uuid.uuid4().hex, code, gm],
            )
    call_command("migrate", "places", verbosity=0)
    assert sorted(District.objects.values_list("slug", flat=True)) == ["oost", "oost-2"]
    assert CommunityCentre.objects.count() == 0
