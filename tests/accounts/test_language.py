"""The language switch: a cookie for everyone, and the stored preference for a logged-in user."""

import pytest
from django.conf import settings
from django.urls import reverse

from wijkkracht.accounts.models import User
from wijkkracht.audit.models import AuditEvent

URL = "/account/taal/"


def test_url():
    assert reverse("accounts:language") == URL


@pytest.mark.parametrize("persona", ["resident", "professional_a", "administrator"])
def test_logged_in_choice_is_stored_and_set_in_the_cookie(world, client_for, persona):
    client = client_for(persona)
    response = client.post(URL, {"language": "en", "next": "/mijn/gegevens/"})
    assert response.status_code == 302
    assert response["Location"] == "/mijn/gegevens/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user = User.objects.get(pk=world.users[persona].pk)
    assert user.preferred_language == "en"
    assert AuditEvent.objects.filter(action="user.language_changed", object_id=str(user.public_id)).count() == 1
    assert client.get("/mijn/gegevens/").headers["Content-Language"] == "en"


def test_anonymous_gets_only_the_cookie(world, client):
    response = client.post(URL, {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert set(User.objects.values_list("preferred_language", flat=True)) == {"nl"}


def test_unknown_language_changes_nothing(world, client_for):
    response = client_for("resident").post(URL, {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert User.objects.get(pk=world.users["resident"].pk).preferred_language == "nl"


def test_outside_next_is_ignored(world, client_for):
    response = client_for("resident").post(URL, {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == reverse("places:home")


def test_get_is_not_allowed(world, client_for):
    assert client_for("resident").get(URL).status_code == 405
