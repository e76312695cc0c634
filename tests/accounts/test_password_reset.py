"""Password reset by e-mail: one mail with a working link, no account enumeration, old password stops working."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from wijkkracht.accounts.models import User

pytestmark = pytest.mark.usefixtures("world")

NEW_PASSWORD = "a much better secret 42"


def request_reset(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def test_pages_render_in_dutch(client):
    for name in ("accounts:password_reset", "accounts:password_reset_done", "accounts:password_reset_complete"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert '<html lang="nl">' in response.content.decode()


def test_request_sends_one_mail_with_a_working_link(client):
    response = request_reset(client, "Resident@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["resident@example.org"]
    assert message.subject == "Nieuw wachtwoord voor Wijkkracht"
    assert "Heeft u dit niet zelf gevraagd?" in message.body
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+/)", message.body).group(1)

    # The link redirects once to a URL without the token (Django hides it from the Referer), then shows the form.
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert page.context["validlink"] is True
    form_url = page.redirect_chain[-1][0]
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")

    user = User.objects.get(email="resident@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    fresh = client.__class__()
    assert fresh.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD}).status_code == 200
    assert fresh.post(reverse("accounts:login"), {"username": user.email, "password": NEW_PASSWORD}).status_code == 302

    # the link works only once
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert "Deze link werkt niet meer." in again.content.decode()


def test_unknown_address_gets_the_same_answer_and_no_mail(client):
    known = request_reset(client, "resident@example.org")
    mail.outbox.clear()
    unknown = request_reset(client, "nobody@example.org")
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert mail.outbox == []


def test_invalid_address_shows_a_field_error(client):
    response = request_reset(client, "not-an-address")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


def test_mismatched_or_weak_new_password_changes_nothing(client):
    request_reset(client, "resident@example.org")
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert User.objects.get(email="resident@example.org").check_password(PASSWORD)


def test_bad_token_shows_a_clear_message(client):
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200
    assert "Deze link werkt niet meer." in response.content.decode()


def test_mail_is_written_in_the_account_holders_language(client, monkeypatch):
    seen = []
    original = mail.EmailMultiAlternatives.send

    def spy(self, *args, **kwargs):
        from django.utils import translation

        seen.append(translation.get_language())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", spy)
    User.objects.filter(email="resident@example.org").update(preferred_language="en")
    request_reset(client, "resident@example.org")
    assert seen == ["en"]
    assert len(mail.outbox) == 1
