"""An approved residents' initiative becomes a draft activity: prefilled, linked, once, by a professional of
the district; the initiative page shows the button and then the link."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.activities.factories import CategoryFactory
from tests.initiatives.factories import InitiativeFactory
from wijkkracht.activities import services
from wijkkracht.activities.constants import ActivityStatus, OrganiserKind
from wijkkracht.activities.models import Activity
from wijkkracht.initiatives.constants import Category as InitiativeCategory
from wijkkracht.initiatives.constants import InitiativeStatus


@pytest.fixture
def approved(world):
    CategoryFactory(slug="ontmoeten", name="Ontmoeten", order=0)
    CategoryFactory(slug="jongeren", name="Jongeren", order=5)
    return InitiativeFactory(
        district=world.district_a,
        initiator=world.users["resident"].person,
        status=InitiativeStatus.APPROVED,
        title="Huiswerkhoek",
        category=InitiativeCategory.YOUTH,
        description="Elke week samen huiswerk maken.",
        audience="Kinderen uit de buurt",
        location="De bibliotheekzaal",
        when="Elke dinsdag na school",
    )


def test_a_professional_of_the_district_makes_a_prefilled_draft_linked_to_the_initiative(world, approved):
    activity = services.activity_from_initiative(initiative=approved, actor=world.users["professional_a"])
    assert activity.status == ActivityStatus.DRAFT and activity.initiative == approved
    assert activity.title == "Huiswerkhoek" and activity.district == world.district_a
    assert activity.centre == world.centre_a  # professional_a serves centre_a: they manage the draft
    assert activity.category.slug == "jongeren"  # the initiative's kind, mapped
    assert activity.age_bands == ["0_15", "15_25"]
    assert "Elke week samen huiswerk maken." in activity.description
    assert "Kinderen uit de buurt" in activity.description and "Elke dinsdag na school" in activity.description
    assert activity.location == "De bibliotheekzaal" and activity.organiser_kind == OrganiserKind.RESIDENTS
    assert activity.organiser_name == ""  # the initiator's name is not published without asking


def test_a_district_professional_makes_it_for_the_district(world):
    CategoryFactory(slug="ontmoeten", name="Ontmoeten")
    initiative = InitiativeFactory(district=world.district_b, status=InitiativeStatus.APPROVED)
    activity = services.activity_from_initiative(initiative=initiative, actor=world.users["professional_b"])
    assert activity.centre is None and activity.district == world.district_b


def test_once_per_initiative_and_only_when_approved(world, approved):
    services.activity_from_initiative(initiative=approved, actor=world.users["professional_a"])
    with pytest.raises(ValidationError, match="al een activiteit"):
        services.activity_from_initiative(initiative=approved, actor=world.users["professional_a"])
    proposed = InitiativeFactory(district=world.district_a, status=InitiativeStatus.PROPOSED)
    with pytest.raises(PermissionDenied):  # the policy refuses a proposal that has not been approved
        services.activity_from_initiative(initiative=proposed, actor=world.users["professional_a"])
    assert Activity.objects.count() == 1


@pytest.mark.parametrize("persona", ["professional_b", "council_a", "resident", "analyst", "administrator"])
def test_others_may_not(world, approved, persona):
    with pytest.raises(PermissionDenied):
        services.activity_from_initiative(initiative=approved, actor=world.users[persona])
    assert Activity.objects.count() == 0


def test_the_initiative_page_shows_the_button_then_the_link(world, approved, client_for):
    pro = client_for("professional_a")
    page = pro.get(approved.url).content.decode()
    button = reverse("activities:from_initiative", args=[approved.public_id])
    assert button in page and "Maak er een activiteit van" in page
    assert button not in client_for("council_a").get(approved.url).content.decode()
    response = pro.post(button)
    activity = Activity.objects.get(initiative=approved)
    assert response.status_code == 302 and response["Location"] == reverse("activities:edit", args=[activity.public_id])
    page = pro.get(approved.url).content.decode()
    assert button not in page and activity.url in page  # the draft, for the professional who manages it
    assert activity.url not in client_for("resident").get(approved.url).content.decode()  # a draft is not public
    again = pro.post(button)  # a second click: a message, nothing new
    assert again.status_code == 302 and again["Location"] == approved.url
    assert Activity.objects.filter(initiative=approved).count() == 1


def test_the_initiative_page_in_english(world, approved, client_for):
    page = client_for("professional_a").get(approved.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Turn it into an activity" in page
