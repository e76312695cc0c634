"""User, Membership and Person are registered in the admin and its lists and searches work."""

import pytest
from django.urls import reverse

from wijkkracht.accounts.models import Membership


@pytest.mark.parametrize(
    "name",
    ["admin:accounts_user_changelist", "admin:accounts_membership_changelist", "admin:people_person_changelist"],
)
def test_admin_lists_and_search(world, client_for, name):
    client = client_for("administrator")
    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse(name) + "?q=ria").status_code == 200


def test_admin_change_pages(world, client_for):
    client = client_for("administrator")
    user = world.users["professional_a"]
    assert client.get(reverse("admin:accounts_user_change", args=[user.pk])).status_code == 200
    m = Membership.objects.filter(user=user).first()
    assert client.get(reverse("admin:accounts_membership_change", args=[m.pk])).status_code == 200
    assert client.get(reverse("admin:people_person_change", args=[user.person.pk])).status_code == 200
    page = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert "password" not in page.context["adminform"].form.fields


@pytest.mark.parametrize("persona", ["resident", "professional_a", "coordinator"])
def test_admin_is_closed_to_others(world, client_for, persona):
    assert client_for(persona).get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_admin_grants_a_role_through_the_service(world, client_for):
    from wijkkracht.audit.models import AuditEvent

    user = world.users["resident"]
    response = client_for("administrator").post(
        reverse("admin:accounts_membership_add"),
        {
            "user": user.pk,
            "role": "council_member",
            "council": world.council_b.pk,
            "starts_on": "2026-01-01",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    m = Membership.objects.get(user=user, role="council_member")
    assert m.council == world.council_b
    assert AuditEvent.objects.filter(action="membership.granted", object_id=str(m.pk)).count() == 1


def test_admin_refuses_a_role_without_its_scope(world, client_for):
    user = world.users["resident"]
    response = client_for("administrator").post(
        reverse("admin:accounts_membership_add"),
        {
            "user": user.pk,
            "role": "council_member",
            "starts_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user=user, role="council_member").exists()
