from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from wijkkracht.accounts.constants import Role


def test_a_member_sees_their_council_with_its_district_and_centre(world, client_for):
    response = client_for("council_a").get(reverse("councils:detail", args=[world.council_a.public_id]))
    assert response.status_code == 200
    assert "Gebruikersraad Villa Randwijck" in response.text
    assert world.district_a.url in response.text
    assert "Villa Randwijck" in response.text


def test_the_professional_of_another_district_is_denied(world, client_for):
    response = client_for("professional_b").get(reverse("councils:detail", args=[world.council_a.public_id]))
    assert response.status_code == 403


def test_a_professional_serving_two_councils_districts_gets_a_list(world, client_for):
    f.MembershipFactory(
        user=world.users["professional_a"],
        role=Role.PROFESSIONAL,
        organisation=world.organisation,
        district=world.district_b,
    )
    response = client_for("professional_a").get(reverse("councils:mine"))
    assert response.status_code == 200
    assert [c.name for c in response.context["councils"]] == [world.council_a.name, world.council_b.name]


def test_a_professional_in_a_district_without_a_council_gets_an_empty_list(world, client_for):
    world.council_a.delete()
    response = client_for("professional_a").get(reverse("councils:mine"))
    assert response.status_code == 200
    assert list(response.context["councils"]) == []
    assert "geen gebruikersraad" in response.text


def test_an_unknown_council_is_a_404(world, client_for):
    response = client_for("administrator").get("/raden/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_council_pages_use_a_constant_number_of_queries(world, client_for):
    client = client_for("administrator")
    url = reverse("councils:mine")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(10):
        f.CouncilFactory(district=world.district_a)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
