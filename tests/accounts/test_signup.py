"""Sign-up with an e-mail address confirmed by a link: signed, expiring, single-use; no account enumeration."""

import re

import pytest
from django.conf import settings
from django.core import mail, signing
from django.urls import reverse

from tests.conftest import PASSWORD
from wijkkracht.accounts import tokens
from wijkkracht.accounts.models import Membership, User
from wijkkracht.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("world")

NEW_PASSWORD = "een lange zin als wachtwoord"


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    def run(email, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("accounts:signup"), {"email": email}, **extra)

    return run


def link_in(message) -> str:
    return re.search(r"http://testserver(/account/bevestigen/\S+/)", message.body).group(1)


def test_urls():
    assert reverse("accounts:signup") == "/account/aanmelden/"
    assert reverse("accounts:signup_sent") == "/account/aanmelden/verstuurd/"


def test_sign_up_confirm_and_log_in(client, sign_up):
    # Given a new address
    response = sign_up("  Nieuw@Example.org ")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_sent")
    # Then one mail with a link, and a waiting account that cannot log in
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert mail.outbox[0].subject == "Maak uw account bij Wijkkracht af"
    user = User.objects.get(email="nieuw@example.org")
    assert (user.is_active, user.email_confirmed_at, user.has_usable_password()) == (False, None, False)
    link = link_in(mail.outbox[0])
    assert "nieuw" not in link and "example" not in link  # no personal data in the URL
    # When the link is followed and a name and password chosen
    page = client.get(link)
    assert page.status_code == 200 and page.context["validlink"] is True
    done = client.post(link, {"first_name": "Nina", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == reverse("people:profile")
    # Then the account is active, confirmed, logged in, with a Person and the resident role
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at is not None and user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.display_name == "Nina"
    assert client.get(reverse("people:profile")).context["form"]["first_name"].value() == "Nina"
    assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == ["resident"]
    assert AuditEvent.objects.filter(action="user.signed_up", object_id=str(user.public_id)).count() == 1
    # And the link works only once
    client.post(reverse("accounts:logout"))
    again = client.get(link)
    assert again.context["validlink"] is False


def test_a_known_address_gets_the_same_answer_and_a_mail_saying_so(client, sign_up, world):
    new = sign_up("fresh@example.org")
    known = sign_up("Resident@example.org")
    assert (new.status_code, new["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["resident@example.org"]
    assert mail.outbox[1].subject == "U heeft al een account bij Wijkkracht"
    assert "/account/bevestigen/" not in mail.outbox[1].body
    assert "/account/wachtwoord-vergeten/" in mail.outbox[1].body
    # nothing about the existing account changed
    resident = User.objects.get(pk=world.users["resident"].pk)
    assert resident.is_active and resident.check_password(PASSWORD)


def test_signing_up_twice_sends_a_new_link_and_makes_one_account(sign_up):
    sign_up("twice@example.org")
    sign_up("twice@example.org")
    assert User.objects.filter(email="twice@example.org").count() == 1
    assert [m.subject for m in mail.outbox] == ["Maak uw account bij Wijkkracht af"] * 2


def test_a_waiting_account_cannot_log_in_or_reset(client, sign_up):
    sign_up("waiting@example.org")
    response = client.post(reverse("accounts:login"), {"username": "waiting@example.org", "password": "x" * 12})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_an_expired_link_does_not_work(client, sign_up, monkeypatch):
    sign_up("late@example.org")
    link = link_in(mail.outbox[0])
    real_loads = signing.loads

    def two_days_later(value, *args, max_age=None, **kwargs):
        # A link is checked against its kind's age limit: pretend it is older than that.
        if max_age is not None and max_age <= tokens.MAX_AGE[tokens.SIGNUP]:
            raise signing.SignatureExpired("too old")
        return real_loads(value, *args, max_age=max_age, **kwargs)

    monkeypatch.setattr(signing, "loads", two_days_later)
    assert client.get(link).context["validlink"] is False


def test_a_tampered_link_does_not_work(client, sign_up):
    sign_up("tamper@example.org")
    link = link_in(mail.outbox[0])
    assert client.get(link[:-3] + "xx/").context["validlink"] is False


def test_mismatched_passwords_change_nothing(client, sign_up):
    sign_up("mismatch@example.org")
    link = link_in(mail.outbox[0])
    response = client.post(link, {"first_name": "M", "new_password1": NEW_PASSWORD, "new_password2": "other one 12"})
    assert response.status_code == 200
    assert "De twee wachtwoorden zijn niet hetzelfde." in response.content.decode()
    assert not User.objects.get(email="mismatch@example.org").is_active


def test_invalid_address_shows_a_field_error(client):
    response = client.post(reverse("accounts:signup"), {"email": "geen adres"})
    assert response.status_code == 200
    assert "Dit is geen goed e-mailadres." in response.content.decode()
    assert len(mail.outbox) == 0


def test_sign_up_in_english_keeps_english(client, sign_up):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_up("english@example.org")
    assert mail.outbox[0].subject == "Finish your Wijkkracht account"
    assert User.objects.get(email="english@example.org").preferred_language == "en"


def test_a_logged_in_user_is_sent_home(client_for):
    response = client_for("resident").get(reverse("accounts:signup"))
    assert response.status_code == 302


def test_waiting_accounts_are_removed_after_30_days(sign_up, world):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    sign_up("old@example.org")
    sign_up("recent@example.org")
    User.objects.filter(email="old@example.org").update(date_joined=timezone.now() - datetime.timedelta(days=31))
    # an account an administrator switched off is not a waiting one, however old
    User.objects.filter(pk=world.users["volunteer"].pk).update(
        is_active=False, email_confirmed_at=None, date_joined=timezone.now() - datetime.timedelta(days=400)
    )
    call_command("prune_pending_accounts")
    assert set(
        User.objects.filter(email__in=["old@example.org", "recent@example.org"]).values_list("email", flat=True)
    ) == {"recent@example.org"}
    assert User.objects.filter(pk=world.users["volunteer"].pk).exists()


def test_the_daily_job_removes_waiting_accounts_once(sign_up):
    from freezegun import freeze_time

    from wijkkracht.accounts.jobs import prune_pending_accounts

    with freeze_time("2026-10-01 10:00:00+00:00"):
        sign_up("forgotten@example.org")
    with freeze_time("2026-11-23 03:45:00+00:00"):
        sign_up("fresh@example.org")
        assert prune_pending_accounts() == 1
        assert prune_pending_accounts() == 0  # run twice: nothing more to do
    emails = ["forgotten@example.org", "fresh@example.org"]
    assert list(User.objects.filter(email__in=emails).values_list("email", flat=True)) == ["fresh@example.org"]


def test_a_switched_off_account_cannot_be_switched_on_by_signing_up(sign_up, client, world):
    user = world.users["volunteer"]
    User.objects.filter(pk=user.pk).update(is_active=False, email_confirmed_at=None)
    sign_up(user.email)
    assert mail.outbox[-1].subject == "U heeft al een account bij Wijkkracht"
    assert not User.objects.get(pk=user.pk).is_active
