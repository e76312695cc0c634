"""The admin for administrators: every registered model's list opens, areas and the audit trail are read-only,
and saves go through the services (with an audit event)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from wijkkracht.audit.models import AuditEvent
from wijkkracht.councils.models import Council
from wijkkracht.organisations.models import Organisation


@pytest.mark.parametrize("model", [m for m in admin.site._registry], ids=lambda m: m._meta.label)
def test_every_admin_list_opens_for_the_administrator(world, client_for, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client_for("administrator").get(url).status_code == 200


def test_a_professional_cannot_open_the_admin(world, client_for):
    assert client_for("professional_a").get(reverse("admin:index")).status_code == 403


@pytest.mark.parametrize("name", ["places_district", "places_populationfigure", "audit_auditevent"])
def test_imported_data_and_the_audit_trail_cannot_be_added_by_hand(world, client_for, name):
    assert client_for("administrator").get(reverse(f"admin:{name}_add")).status_code == 403


def test_adding_an_organisation_is_audited(world, client_for):
    response = client_for("administrator").post(
        reverse("admin:organisations_organisation_add"),
        {"name": "Buurtsportcoach Amstelveen", "kind": "sports", "municipality": world.municipality.pk},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Buurtsportcoach Amstelveen")
    assert AuditEvent.objects.filter(action="organisations.create", object_id=str(organisation.public_id)).count() == 1


def test_a_council_with_a_centre_outside_its_district_is_refused(world, client_for):
    before = Council.objects.count()
    response = client_for("administrator").post(
        reverse("admin:councils_council_add"),
        {"name": "Raad", "district": world.district_a.pk, "centre": world.centre_b.pk},
    )
    assert response.status_code == 200
    assert "ligt niet in de wijk" in response.text
    assert Council.objects.count() == before
