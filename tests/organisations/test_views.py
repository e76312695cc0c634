"""The professional's workplace and the coordinator's overview of the organisation's professionals."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import UnknownAction
from wijkkracht.organisations import permissions
from wijkkracht.organisations.models import Organisation


def test_workplace_links_to_the_management_of_each_centre_served(world, client_for):
    text = client_for("professional_a").get(reverse("organisations:workplace")).text
    a, b = world.centre_a.slug, world.centre_b.slug
    for name in ("places:centre_edit", "places:centre_hours", "places:room_create"):
        assert reverse(name, args=[a]) in text
        assert reverse(name, args=[b]) not in text
    assert world.district_a.url in text and world.district_b.url not in text


def test_a_professional_serving_a_district_manages_every_centre_in_it(world, client_for):
    extra = f.CommunityCentreFactory(district=world.district_b, name="Dorpshuis")
    text = client_for("professional_b").get(reverse("organisations:workplace")).text
    for centre in (world.centre_b, extra):
        assert reverse("places:centre_edit", args=[centre.slug]) in text
    assert reverse("places:centre_edit", args=[world.centre_a.slug]) not in text


def test_the_coordinator_sees_names_and_where_each_professional_works(world, client_for):
    response = client_for("coordinator").get(reverse("organisations:mine"))
    rows = dict(response.context["rows"])
    assert list(rows) == [world.organisation]
    staff = rows[world.organisation]
    assert [p["name"] for p in staff] == ["Peter", "Priya"]
    assert [c.name for c in staff[1]["centres"]] == ["Villa Randwijck"]
    assert [d.name for d in staff[0]["districts"]] == ["Westwijk"]
    text = response.text
    assert "Priya" in text and "Peter" in text
    assert "pro.a@example.org" not in text  # minimal data: no e-mail addresses
    assert world.centre_a.url in text and world.district_b.url in text


def test_professionals_of_other_organisations_and_ended_memberships_are_not_listed(world, client_for):
    outsider = f.UserFactory(display_name="Olga")
    f.MembershipFactory(
        user=outsider, role=Role.PROFESSIONAL, organisation=world.other_organisation, centre=world.centre_a
    )
    former = f.UserFactory(display_name="Fred")
    f.MembershipFactory(
        user=former,
        role=Role.PROFESSIONAL,
        organisation=world.organisation,
        centre=world.centre_a,
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2021, 1, 1),
    )
    text = client_for("coordinator").get(reverse("organisations:mine")).text
    assert "Olga" not in text and "Fred" not in text


def test_a_professional_of_one_organisation_does_not_see_it_by_coordinating_another(world, client_for):
    user = world.users["professional_a"]
    f.MembershipFactory(user=user, role=Role.COORDINATOR, organisation=world.other_organisation)
    response = client_for("professional_a").get(reverse("organisations:mine"))
    assert [o for o, _staff in response.context["rows"]] == [world.other_organisation]
    assert "Peter" not in response.text


def test_policy(world):
    users = world.users
    Action = permissions.Action
    assert permissions.can(users["coordinator"], Action.STAFF_VIEW, world.organisation)
    assert not permissions.can(users["coordinator"], Action.STAFF_VIEW, world.other_organisation)
    assert not permissions.can(users["professional_a"], Action.STAFF_VIEW, world.organisation)
    assert not permissions.can(users["coordinator"], Action.WORKPLACE_VIEW)
    assert not permissions.can(users["administrator"], Action.STAFF_VIEW, world.organisation)
    assert permissions.can(users["administrator"], Action.MANAGE, world.organisation)
    assert not permissions.can(users["coordinator"], Action.MANAGE, world.organisation)
    with pytest.raises(UnknownAction):
        permissions.can(users["administrator"], "something_else", world.organisation)
    assert list(permissions.visible_to(users["analyst"], Organisation.objects.all(), Action.STAFF_VIEW)) == []


def _add_staff(world, n):
    for i in range(n):
        district = f.DistrictFactory(municipality=world.municipality, cbs_code=f"WK0362{60 + i}")
        centre = f.CommunityCentreFactory(district=district)
        user = f.UserFactory(display_name=f"Pro {i}")
        f.MembershipFactory(user=user, role=Role.PROFESSIONAL, organisation=world.organisation, centre=centre)
        f.MembershipFactory(user=user, role=Role.PROFESSIONAL, organisation=world.organisation, district=district)


def test_the_organisation_page_uses_a_constant_number_of_queries(world, client_for):
    client = client_for("coordinator")
    url = reverse("organisations:mine")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _add_staff(world, 8)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.text.count("Pro ") == 8
    assert len(large) == len(small)


def test_the_workplace_page_uses_a_constant_number_of_queries(world, client_for):
    user = world.users["professional_b"]
    client = client_for("professional_b")
    url = reverse("organisations:workplace")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(6):
        district = f.DistrictFactory(municipality=world.municipality, cbs_code=f"WK0362{70 + i}")
        f.CommunityCentreFactory(district=world.district_b)
        f.MembershipFactory(user=user, role=Role.PROFESSIONAL, organisation=world.organisation, district=district)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.text.count(reverse("places:centre_edit", args=[world.centre_b.slug])) == 1
    assert len(response.context["centres"]) == 7
    assert len(large) == len(small)
