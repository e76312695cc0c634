"""Mijn gegevens: every persona sees and changes only their own Person."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.conftest import PERSONAS
from wijkkracht.audit.models import AuditEvent
from wijkkracht.people.models import Person

URL = "/mijn/gegevens/"
EXPORT = "/mijn/gegevens/downloaden/"
LOGGED_IN = [p for p in PERSONAS if p != "anonymous"]


def valid_data(world, **overrides):
    data = {
        "first_name": "Nieuw",
        "last_name": "",
        "birth_year": "1975",
        "neighbourhood": str(world.neighbourhood_b.pk),
        "languages": " Nederlands ,Turks,, ",
        "contact_preference": "email",
        "phone": "",
        "consent_contact": "",
    }
    data.update(overrides)
    return data


def people_state():
    return sorted(map(repr, Person.objects.order_by("pk").values()))


def test_urls():
    assert reverse("people:profile") == URL
    assert reverse("people:export") == EXPORT


@pytest.mark.parametrize("persona", LOGGED_IN)
def test_every_persona_sees_own_data_only(world, client_for, persona):
    response = client_for(persona).get(URL)
    assert response.status_code == 200
    own = world.users[persona].person
    assert response.context["form"].instance == own
    html = response.content.decode()
    assert f'value="{own.first_name}"' in html
    for other, user in world.users.items():
        if user is not None and other != persona and user.person.first_name != own.first_name:
            assert f'value="{user.person.first_name}"' not in html


@pytest.mark.parametrize("persona", LOGGED_IN)
def test_every_persona_changes_own_data_only(world, client_for, persona):
    user = world.users[persona]
    others_before = sorted(map(repr, Person.objects.exclude(user=user).order_by("pk").values()))
    response = client_for(persona).post(URL, valid_data(world))
    assert response.status_code == 302
    assert response["Location"] == URL
    person = Person.objects.get(user=user)
    assert (person.first_name, person.birth_year, person.neighbourhood, person.languages) == (
        "Nieuw",
        1975,
        world.neighbourhood_b,
        "Nederlands, Turks",
    )
    assert sorted(map(repr, Person.objects.exclude(user=user).order_by("pk").values())) == others_before
    event = AuditEvent.objects.get(action="person.updated")
    assert event.object_id == str(person.public_id)
    assert "Nieuw" not in json.dumps(event.detail)  # field names only, no values


def test_anonymous_is_sent_to_login(world, client):
    before = people_state()
    for response in (client.get(URL), client.post(URL, valid_data(world)), client.post(EXPORT)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert people_state() == before


@pytest.mark.parametrize("year", ["1899", "2999", str(timezone.localdate().year + 1), "19x5", "-5"])
def test_invalid_birth_year_shows_a_dutch_error_and_changes_nothing(world, client_for, year):
    before = people_state()
    response = client_for("resident").post(URL, valid_data(world, birth_year=year))
    assert response.status_code == 200
    errors = response.context["form"].errors["birth_year"]
    assert errors[0] in {
        f"Vul een geboortejaar in tussen 1900 en {timezone.localdate().year}.",
        "Vul een jaartal in met 4 cijfers, bijvoorbeeld 1975.",
    }
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Uw gegevens zijn niet opgeslagen." in html
    assert people_state() == before
    assert not AuditEvent.objects.exists()


def test_current_year_and_empty_birth_year_are_fine(world, client_for):
    client = client_for("resident")
    year = timezone.localdate().year
    assert client.post(URL, valid_data(world, birth_year=str(year))).status_code == 302
    assert Person.objects.get(user=world.users["resident"]).birth_year == year
    assert client.post(URL, valid_data(world, birth_year="")).status_code == 302
    assert Person.objects.get(user=world.users["resident"]).birth_year is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("first_name", ""), ("phone", "bel me maar"), ("neighbourhood", "999999"), ("contact_preference", "pigeon")],
)
def test_other_bad_input_changes_nothing(world, client_for, field, value):
    before = people_state()
    response = client_for("resident").post(URL, valid_data(world, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert people_state() == before


def test_phone_is_required_for_contact_by_phone_and_loosely_checked(world, client_for):
    client = client_for("resident")
    response = client.post(URL, valid_data(world, contact_preference="phone"))
    assert response.context["form"].errors["phone"] == [
        "U wilt contact via de telefoon. Vul dan ook uw telefoonnummer in."
    ]
    assert client.post(URL, valid_data(world, contact_preference="phone", phone="+31 6 1234-5678")).status_code == 302
    assert Person.objects.get(user=world.users["resident"]).phone == "+31 6 1234-5678"


def test_consent_records_the_moment_and_clears_when_switched_off(world, client_for):
    client = client_for("resident")
    user = world.users["resident"]
    client.post(URL, valid_data(world, consent_contact="on"))
    person = Person.objects.get(user=user)
    assert person.consent_contact is True
    first = person.consent_given_at
    assert first is not None
    client.post(URL, valid_data(world, consent_contact="on", first_name="Ria"))
    assert Person.objects.get(user=user).consent_given_at == first  # saving again keeps the original moment
    client.post(URL, valid_data(world))
    person = Person.objects.get(user=user)
    assert (person.consent_contact, person.consent_given_at) == (False, None)


def test_user_without_person_gets_one_on_first_save(world, client):
    user = f.UserFactory(email="nobody.yet@example.org")
    client.force_login(user)
    page = client.get(URL)
    assert page.status_code == 200
    assert not Person.objects.filter(user=user).exists()  # a GET creates nothing
    assert client.post(URL, valid_data(world, first_name="Eerste")).status_code == 302
    person = Person.objects.get(user=user)
    assert person.first_name == "Eerste"
    assert AuditEvent.objects.filter(action="person.created", object_id=str(person.public_id)).count() == 1


def test_neighbourhood_select_is_grouped_by_district(world, client_for):
    html = client_for("resident").get(URL).content.decode()
    assert '<optgroup label="Randwijck">' in html
    assert '<optgroup label="Westwijk">' in html
    assert f'<option value="{world.neighbourhood_a.pk}" selected>Randwijck West</option>' in html


def test_page_shows_role_names_and_asks_no_address_or_birth_date(world, client_for):
    response = client_for("council_a").get(URL)
    assert response.context["roles"] == ["bewoner", "lid gebruikersraad"]
    fields = set(response.context["form"].fields)
    assert fields == {
        "first_name",
        "last_name",
        "birth_year",
        "neighbourhood",
        "languages",
        "contact_preference",
        "phone",
        "consent_contact",
    }
    html = response.content.decode()
    assert 'autocomplete="given-name"' in html and 'autocomplete="tel"' in html
    assert "Gebruikersraad Villa Randwijck" not in html  # role names only, no scope


@pytest.mark.parametrize("persona", LOGGED_IN)
def test_export_returns_own_data_as_json_and_is_audited(world, client_for, persona):
    user = world.users[persona]
    response = client_for(persona).post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens-wijkkracht.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["person"]["public_id"] == str(user.person.public_id)
    assert data["person"]["first_name"] == user.person.first_name
    assert sorted(m["role"] for m in data["memberships"]) == sorted(user.memberships.values_list("role", flat=True))
    assert AuditEvent.objects.get(action="person.exported").object_id == str(user.public_id)


def test_export_is_post_only(world, client_for):
    assert client_for("resident").get(EXPORT).status_code == 405
    assert not AuditEvent.objects.exists()
