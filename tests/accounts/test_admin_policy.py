"""The admin asks the policy and writes through the services: every save is audited, memberships are ended,
never deleted, and a resident's record opened by an administrator is logged."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests import factories as f
from wijkkracht.accounts.models import Membership
from wijkkracht.audit.models import AuditEvent


def test_a_user_with_only_the_administrator_role_uses_the_admin(world, client_for):
    admin_user = world.users["administrator"]
    assert not admin_user.is_staff and not admin_user.is_superuser
    page = client_for("administrator").get(reverse("admin:index"))
    assert page.status_code == 200
    models = {m["object_name"] for app in page.context["app_list"] for m in app["models"]}
    assert {"User", "Membership", "Person", "CommunityCentre", "Council", "Organisation", "AuditEvent"} <= models


def test_staff_and_superuser_flags_without_the_role_open_nothing(world, client_for):
    user = f.UserFactory(is_staff=True, is_superuser=True)
    client = client_for("resident")
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 403


def test_a_membership_cannot_be_deleted_only_ended(world, client_for):
    membership = world.users["council_a"].memberships.get(role="council_member")
    client = client_for("administrator")
    assert client.get(reverse("admin:accounts_membership_delete", args=[membership.pk])).status_code == 403
    response = client.post(reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_ending_a_membership_in_the_admin_is_audited(world, client_for):
    membership = world.users["council_a"].memberships.get(role="council_member")
    response = client_for("administrator").post(
        reverse("admin:accounts_membership_change", args=[membership.pk]), {"ends_on": "2099-12-31"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ends_on == dt.date(2099, 12, 31)
    assert AuditEvent.objects.filter(action="membership.ended", object_id=str(membership.pk)).count() == 1


def test_the_end_today_action_ends_through_the_service(world, client_for):
    membership = world.users["council_b"].memberships.get(role="council_member")
    response = client_for("administrator").post(
        reverse("admin:accounts_membership_changelist"), {"action": "end_today", "_selected_action": [membership.pk]}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ends_on is not None
    assert AuditEvent.objects.filter(action="membership.ended", object_id=str(membership.pk)).count() == 1


def test_changing_an_account_in_the_admin_is_audited_with_field_names_only(world, client_for):
    user = world.users["resident"]
    response = client_for("administrator").post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": user.email,
            "display_name": "Ria R.",
            "preferred_language": "nl",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.is_active) == ("Ria R.", False)
    updated = AuditEvent.objects.get(action="user.updated", object_id=str(user.public_id))
    assert updated.detail == {"fields": ["display_name", "is_active"]}
    assert AuditEvent.objects.filter(action="user.deactivated", object_id=str(user.public_id)).count() == 1


def test_opening_and_correcting_a_residents_record_is_audited(world, client_for):
    person = world.users["resident"].person
    client = client_for("administrator")
    assert client.get(reverse("admin:people_person_change", args=[person.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="person.viewed", object_id=str(person.public_id)).count() == 1
    response = client.post(
        reverse("admin:people_person_change", args=[person.pk]),
        {
            "first_name": "Maria",
            "last_name": person.last_name,
            "birth_year": person.birth_year or "",
            "neighbourhood": person.neighbourhood_id or "",
            "contact_preference": person.contact_preference,
            "languages": person.languages,
            "phone": person.phone,
            "consent_contact": "on" if person.consent_contact else "",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Maria"
    assert AuditEvent.objects.get(action="person.updated", object_id=str(person.public_id)).detail == {
        "fields": ["first_name"]
    }


def test_the_resident_list_shows_no_names(world, client_for):
    page = client_for("administrator").get(reverse("admin:people_person_changelist"))
    assert page.status_code == 200
    assert "Ria" not in page.text


def test_a_bad_postcode_in_the_admin_changes_nothing(world, client_for):
    before = world.centre_a.postcode
    response = client_for("administrator").post(
        reverse("admin:places_communitycentre_change", args=[world.centre_a.pk]),
        {"name": world.centre_a.name, "district": world.district_a.pk, "postcode": "12", "city": "Amstelveen"},
    )
    assert response.status_code == 200
    assert "Vul een postcode in zoals 1181 AA." in response.text
    world.centre_a.refresh_from_db()
    assert world.centre_a.postcode == before
    assert not AuditEvent.objects.filter(action="places.centre_update").exists()


def test_a_professional_of_one_centre_cannot_manage_another_centre_of_the_district(world, client_for):
    other = f.CommunityCentreFactory(district=world.district_a, name="Tweede centrum")
    client = client_for("professional_a")
    for name in ("places:centre_edit", "places:centre_hours", "places:room_create"):
        assert client.get(reverse(name, args=[other.slug])).status_code == 403, name
    assert client.get(reverse("places:centre_edit", args=[world.centre_a.slug])).status_code == 200
    # professional_b serves all of district_b: every centre in it
    in_b = f.CommunityCentreFactory(district=world.district_b, name="Derde centrum")
    assert client_for("professional_b").get(reverse("places:centre_edit", args=[in_b.slug])).status_code == 200
