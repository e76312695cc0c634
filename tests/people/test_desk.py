"""The desk: a professional registers a resident without e-mail or computer, and can later invite them to claim
an account. Only professionals (their own districts) and administrators see desk-registered residents."""

import re

from django.core import mail
from django.urls import reverse

from wijkkracht.accounts.models import Membership, User
from wijkkracht.audit.models import AuditEvent
from wijkkracht.people.models import Person

NEW_PASSWORD = "een lange zin als wachtwoord"


def register(client, world, **overrides):
    data = {
        "channel": "phone",
        "first_name": "Henk",
        "last_name": "de Vries",
        "birth_year": "1948",
        "neighbourhood": str(world.neighbourhood_a.pk),
        "contact_preference": "phone",
        "phone": "020 123 4567",
        "languages": "Nederlands",
        "consent_contact": "on",
        **overrides,
    }
    return client.post(reverse("desk:register"), data)


def test_a_professional_registers_a_resident_by_phone(world, client_for):
    response = register(client_for("professional_a"), world)
    person = Person.objects.get(first_name="Henk")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:person", kwargs={"public_id": person.public_id})
    assert (person.user, person.channel, person.registered_by) == (None, "phone", world.users["professional_a"])
    assert person.consent_given_at is not None
    event = AuditEvent.objects.get(action="person.registered_at_desk")
    assert event.object_id == str(person.public_id) and "Henk" not in repr(event.detail)


def test_a_resident_cannot_use_the_desk(world, client_for):
    assert register(client_for("resident"), world).status_code == 403
    assert not Person.objects.filter(first_name="Henk").exists()


def test_email_as_contact_is_refused_without_an_account(world, client_for):
    response = register(client_for("professional_a"), world, contact_preference="email")
    assert response.status_code == 200
    assert "Zonder account kunnen wij de bewoner niet mailen." in response.content.decode()
    assert not Person.objects.filter(first_name="Henk").exists()


def test_a_neighbourhood_is_required(world, client_for):
    response = register(client_for("professional_a"), world, neighbourhood="")
    assert "Kies de buurt van de bewoner." in response.content.decode()


def test_professionals_see_only_their_districts(world, client_for):
    register(client_for("professional_a"), world)  # district A
    person = Person.objects.get(first_name="Henk")
    url = reverse("desk:person", kwargs={"public_id": person.public_id})
    assert client_for("professional_a").get(url).status_code == 200
    assert client_for("administrator").get(url).status_code == 200
    assert client_for("professional_b").get(url).status_code == 403
    assert "Henk" in client_for("professional_a").get(reverse("desk:index")).content.decode()
    assert "Henk" not in client_for("professional_b").get(reverse("desk:index")).content.decode()


def test_invite_then_claim_the_account(world, client_for, client, django_capture_on_commit_callbacks):
    register(client_for("professional_a"), world)
    person = Person.objects.get(first_name="Henk")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("professional_a").post(
            reverse("desk:invite", kwargs={"public_id": person.public_id}), {"email": "Henk@Example.org"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Uw account bij Wijkkracht"
    assert "Hallo Henk," in mail.outbox[0].body
    person.refresh_from_db()
    assert person.user.email == "henk@example.org" and not person.user.is_active
    # the resident follows the link: only a password is asked (the desk already knows the name)
    link = re.search(r"http://testserver(/account/bevestigen/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link)
    assert page.context["validlink"] is True and "first_name" not in page.context["form"].fields
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="henk@example.org")
    assert user.is_active and user.check_password(NEW_PASSWORD)
    assert Person.objects.get(user=user).pk == person.pk  # the same Person, not a new one
    assert Person.objects.filter(first_name="Henk").count() == 1
    assert Membership.objects.filter(user=user, role="resident").count() == 1
    assert AuditEvent.objects.filter(action="user.invitation_accepted").count() == 1


def test_inviting_with_an_address_that_has_an_account_says_the_same_and_links_nothing(
    world, client_for, django_capture_on_commit_callbacks
):
    register(client_for("professional_a"), world)
    person = Person.objects.get(first_name="Henk")
    url = reverse("desk:invite", kwargs={"public_id": person.public_id})
    with django_capture_on_commit_callbacks(execute=True):
        known = client_for("professional_a").post(url, {"email": "resident@example.org"}, follow=True)
    person.refresh_from_db()
    assert person.user is None
    assert mail.outbox[0].subject == "U heeft al een account bij Wijkkracht"
    register(client_for("professional_a"), world, first_name="Greet")
    other = Person.objects.get(first_name="Greet")
    with django_capture_on_commit_callbacks(execute=True):
        new = client_for("professional_a").post(
            reverse("desk:invite", kwargs={"public_id": other.public_id}), {"email": "greet@example.org"}, follow=True
        )
    said = [str(m) for m in known.context["messages"]], [str(m) for m in new.context["messages"]]
    assert said[0] == said[1]


def test_professional_b_cannot_invite_a_resident_of_district_a(world, client_for):
    register(client_for("professional_a"), world)
    person = Person.objects.get(first_name="Henk")
    response = client_for("professional_b").post(
        reverse("desk:invite", kwargs={"public_id": person.public_id}), {"email": "x@example.org"}
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()


def test_an_online_persons_page_is_not_a_desk_page(world, client_for):
    person = world.users["resident"].person
    response = client_for("administrator").get(reverse("desk:person", kwargs={"public_id": person.public_id}))
    assert response.status_code == 403


def test_an_administrator_opening_a_desk_record_is_audited(world, client_for):
    register(client_for("professional_a"), world)
    person = Person.objects.get(first_name="Henk")
    url = reverse("desk:person", kwargs={"public_id": person.public_id})
    assert client_for("professional_a").get(url).status_code == 200
    assert not AuditEvent.objects.filter(action="person.viewed").exists()  # the professional's own work
    assert client_for("administrator").get(url).status_code == 200
    event = AuditEvent.objects.get(action="person.viewed")
    assert (event.actor_id, event.object_id) == (world.users["administrator"].pk, str(person.public_id))
