"""Login and logout: e-mail case-insensitive, safe `next`, clear Dutch error, logout by POST only,
the session language taken from the user's preference."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import PASSWORD

LOGIN = "/account/inloggen/"


def test_login_url_is_stable():
    assert reverse("accounts:login") == LOGIN


def test_login_with_e_mail_in_other_case_works(world, client):
    response = client.post(LOGIN, {"username": "  Resident@Example.ORG ", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("places:home")
    assert client.session["_auth_user_id"] == str(world.users["resident"].pk)


def test_login_for_address_stored_with_capitals(world, client):
    user = world.users["resident"]
    user.email = "Ria.Mixed@Example.org"
    user.save(update_fields=["email"])
    response = client.post(LOGIN, {"username": "ria.mixed@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_shows_a_dutch_error_and_logs_nobody_in(world, client):
    response = client.post(LOGIN, {"username": "resident@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_address_gives_the_same_error(world, client):
    response = client.post(LOGIN, {"username": "nobody@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()


def test_inactive_user_cannot_log_in(world, client):
    user = world.users["resident"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.post(LOGIN, {"username": "resident@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_follows_a_local_next(world, client):
    response = client.post(
        LOGIN, {"username": "resident@example.org", "password": PASSWORD, "next": "/mijn/gegevens/?a=1"}
    )
    assert response["Location"] == "/mijn/gegevens/?a=1"


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"])
def test_login_ignores_an_outside_next(world, client, evil):
    response = client.post(LOGIN, {"username": "resident@example.org", "password": PASSWORD, "next": evil})
    assert response.status_code == 302
    assert response["Location"] == reverse("places:home")


def test_login_form_keeps_a_safe_next_and_drops_an_outside_one(world, client):
    assert 'value="/mijn/gegevens/"' in client.get(LOGIN + "?next=/mijn/gegevens/").content.decode()
    page = client.get(LOGIN + "?next=https://evil.example/").content.decode()
    assert '<input type="hidden" name="next" value="">' in page


def test_login_sets_the_language_cookie_from_the_preference(world, client):
    user = world.users["resident"]
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    response = client.post(LOGIN, {"username": "resident@example.org", "password": PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("people:profile"))
    assert page.headers["Content-Language"] == "en"


def test_logged_in_user_is_redirected_away_from_login(world, client_for):
    response = client_for("resident").get(LOGIN)
    assert response.status_code == 302


def test_logout_is_post_only(world, client_for):
    client = client_for("resident")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("places:home")
    assert "_auth_user_id" not in client.session


def test_the_language_chosen_before_login_stays_and_is_stored(world, client):
    # Given a visitor who chose English before logging in (account preference: Dutch)
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    # When they log in
    response = client.post(LOGIN, {"username": "resident@example.org", "password": PASSWORD})
    # Then the site stays English, and English is stored on the account
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(reverse("people:profile")).headers["Content-Language"] == "en"
    world.users["resident"].refresh_from_db()
    assert world.users["resident"].preferred_language == "en"


def test_without_a_choice_the_stored_language_applies(world, client):
    user = world.users["resident"]
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    response = client.post(LOGIN, {"username": "resident@example.org", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
