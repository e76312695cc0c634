"""The demo mailbox: administrators read the mail the platform sent; nobody else; absent beside a real server."""

import pytest
from django.urls import reverse

from wijkkracht.accounts.policy import UnknownAction, can, menu_for
from wijkkracht.mail.models import MailboxMessage
from wijkkracht.mail.permissions import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def message():
    return MailboxMessage.objects.create(
        from_email="noreply@wijkkracht.invalid",
        to=["resident@example.org"],
        subject="Nieuw wachtwoord voor Wijkkracht",
        body="Kies een nieuw wachtwoord: http://testserver/account/wachtwoord-herstellen/x/y/",
    )


def test_the_administrator_reads_the_mailbox(world, client_for, message):
    client = client_for("administrator")
    inbox = client.get(reverse("mail:inbox")).content.decode()
    assert "Nieuw wachtwoord voor Wijkkracht" in inbox
    assert reverse("mail:message", args=[message.public_id]) in inbox
    page = client.get(reverse("mail:message", args=[message.public_id])).content.decode()
    assert 'href="http://testserver/account/wachtwoord-herstellen/x/y/"' in page
    assert "resident@example.org" in page


@pytest.mark.parametrize("persona", ["resident", "professional_a", "coordinator", "analyst", "council_a"])
def test_nobody_else_reads_it(world, client_for, message, persona):
    assert client_for(persona).get(reverse("mail:inbox")).status_code == 403
    assert client_for(persona).get(reverse("mail:message", args=[message.public_id])).status_code == 403


def test_beside_a_real_mail_server_there_is_no_mailbox(world, client_for, message, settings):
    settings.WIJKKRACHT_MAILBOX = False
    assert client_for("administrator").get(reverse("mail:inbox")).status_code == 404


def test_an_unknown_action_raises_and_the_menu_shows_the_mailbox_to_administrators_in_the_demo(world, settings):
    with pytest.raises(UnknownAction):
        can(world.users["administrator"], "mail.delete_everything")
    administrator = world.users["administrator"]
    assert can(administrator, Action.MAILBOX_READ) is True
    assert "/postvak/" in [link.url for link in menu_for(administrator)]
    assert "/postvak/" not in [link.url for link in menu_for(world.users["professional_a"])]
    settings.WIJKKRACHT_MAILBOX = False
    assert "/postvak/" not in [link.url for link in menu_for(administrator)]
