"""Shared fixtures: a small world with two districts and one account for every role.

Personas (keys of `world.users`): anonymous, resident, volunteer, council_a, council_b, professional_a,
professional_b, coordinator, analyst, administrator. District A has centre_a and council_a; district B has
centre_b and council_b. professional_a serves centre_a; professional_b serves district_b (all of it).
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.test import Client

from tests import factories as f
from wijkkracht.accounts.constants import Role

PERSONAS = (
    "anonymous",
    "resident",
    "volunteer",
    "council_a",
    "council_b",
    "professional_a",
    "professional_b",
    "coordinator",
    "analyst",
    "administrator",
)
PASSWORD = "correct horse battery"


@dataclass
class World:
    municipality: object = None
    district_a: object = None
    district_b: object = None
    neighbourhood_a: object = None
    neighbourhood_b: object = None
    centre_a: object = None
    centre_b: object = None
    room_a: object = None
    room_b: object = None
    council_a: object = None
    council_b: object = None
    organisation: object = None
    other_organisation: object = None
    users: dict = field(default_factory=dict)


# The world's roles started well before any date a test freezes the clock at: a role starting "today" (the
# real date) made every test frozen at an earlier day run without roles, failing as the calendar moved on.
WORLD_SINCE = datetime.date(2020, 1, 1)


def _account(email, first_name, neighbourhood, *memberships, superuser=False):
    user = f.UserFactory(email=email, display_name=first_name, is_superuser=superuser, is_staff=superuser)
    f.PersonFactory(user=user, first_name=first_name, neighbourhood=neighbourhood)
    for kwargs in memberships:
        f.MembershipFactory(user=user, **{"starts_on": WORLD_SINCE, **kwargs})
    return user


@pytest.fixture
def world(db) -> World:
    w = World()
    w.municipality = f.MunicipalityFactory()
    w.district_a = f.DistrictFactory(municipality=w.municipality, cbs_code="WK036201", name="Randwijck")
    w.district_b = f.DistrictFactory(municipality=w.municipality, cbs_code="WK036207", name="Westwijk")
    w.neighbourhood_a = f.NeighbourhoodFactory(district=w.district_a, cbs_code="BU03620101", name="Randwijck West")
    w.neighbourhood_b = f.NeighbourhoodFactory(district=w.district_b, cbs_code="BU03620701", name="Westwijk Noord")
    w.centre_a = f.CommunityCentreFactory(district=w.district_a, name="Villa Randwijck")
    w.centre_b = f.CommunityCentreFactory(district=w.district_b, name="Westend")
    w.room_a = f.RoomFactory(centre=w.centre_a, name="Grote zaal")
    w.room_b = f.RoomFactory(centre=w.centre_b, name="Keuken")
    w.council_a = f.CouncilFactory(district=w.district_a, centre=w.centre_a, name="Gebruikersraad Villa Randwijck")
    w.council_b = f.CouncilFactory(district=w.district_b, centre=w.centre_b, name="Gebruikersraad Westend")
    w.organisation = f.OrganisationFactory(municipality=w.municipality, name="Participe Amstelland")
    w.other_organisation = f.OrganisationFactory(municipality=w.municipality, name="Andere Stichting")
    nb_a, nb_b = w.neighbourhood_a, w.neighbourhood_b
    w.users = {
        "anonymous": None,
        "resident": _account("resident@example.org", "Ria", nb_a, {"role": Role.RESIDENT}),
        "volunteer": _account("volunteer@example.org", "Vera", nb_a, {"role": Role.RESIDENT}, {"role": Role.VOLUNTEER}),
        "council_a": _account(
            "council.a@example.org",
            "Kees",
            nb_a,
            {"role": Role.RESIDENT},
            {"role": Role.COUNCIL_MEMBER, "council": w.council_a},
        ),
        "council_b": _account(
            "council.b@example.org",
            "Karin",
            nb_b,
            {"role": Role.RESIDENT},
            {"role": Role.COUNCIL_MEMBER, "council": w.council_b},
        ),
        "professional_a": _account(
            "pro.a@example.org",
            "Priya",
            None,
            {"role": Role.PROFESSIONAL, "organisation": w.organisation, "centre": w.centre_a},
        ),
        "professional_b": _account(
            "pro.b@example.org",
            "Peter",
            None,
            {"role": Role.PROFESSIONAL, "organisation": w.organisation, "district": w.district_b},
        ),
        "coordinator": _account(
            "coordinator@example.org", "Cor", None, {"role": Role.COORDINATOR, "organisation": w.organisation}
        ),
        "analyst": _account(
            "analyst@example.org", "Anna", None, {"role": Role.ANALYST, "municipality": w.municipality}
        ),
        "administrator": _account("admin@example.org", "Ad", None, {"role": Role.ADMINISTRATOR}),
    }
    return w


@pytest.fixture
def client_for(world):
    """client_for("professional_a") -> a Client logged in as that persona (anonymous: not logged in)."""

    def make(persona: str) -> Client:
        client = Client()
        user = world.users[persona]
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the public page cache lives there)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's language: a request through the test client leaves the language it chose
    active in the thread, which would make the next test's messages depend on the order tests run in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
