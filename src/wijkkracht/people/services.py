"""Every write to people goes through here."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from wijkkracht.audit.services import audit_record

from .models import Person

# The fields a resident may change on their own Person ("Mijn gegevens").
OWN_FIELDS = (
    "first_name",
    "last_name",
    "birth_year",
    "neighbourhood",
    "languages",
    "contact_preference",
    "phone",
    "consent_contact",
)


@transaction.atomic
def person_create_for_user(*, user, first_name: str, actor) -> Person:
    """A Person for an account that has none yet."""
    person = Person(user=user, first_name=first_name)
    person.full_clean()
    person.save()
    audit_record(actor=actor, action="person.created", obj=person)
    return person


@transaction.atomic
def person_update_own(*, user, data: dict[str, Any]) -> Person:
    """Save the user's own details; creates their Person on first save. Only OWN_FIELDS are used.

    Consent: switching it on records the moment; switching it off clears it."""
    person = Person.objects.select_for_update().filter(user=user).first()
    created = person is None
    if person is None:
        person = Person(user=user)
    changed = []
    for name in OWN_FIELDS:
        if name in data and getattr(person, name) != data[name]:
            setattr(person, name, data[name])
            changed.append(name)
    if person.consent_contact and person.consent_given_at is None:
        person.consent_given_at = timezone.now()
    elif not person.consent_contact:
        person.consent_given_at = None
    person.full_clean()
    person.save()
    if created:
        audit_record(actor=user, action="person.created", obj=person)
    if changed:
        # Field names only, never the values.
        audit_record(actor=user, action="person.updated", obj=person, fields=sorted(changed))
    return person


def person_export_own(*, user) -> dict[str, Any]:
    """Everything the platform holds about this user (GDPR art. 15), as JSON-ready data. Audited."""
    person = Person.objects.select_related("neighbourhood__district").filter(user=user).first()
    memberships = user.memberships.select_related(
        "council", "organisation", "municipality", "centre", "district"
    ).order_by("starts_on", "pk")
    data = {
        "account": {
            "public_id": str(user.public_id),
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "person": None,
        "memberships": [
            {
                "role": m.role,
                "council": m.council.name if m.council else None,
                "organisation": m.organisation.name if m.organisation else None,
                "municipality": m.municipality.name if m.municipality else None,
                "centre": m.centre.name if m.centre else None,
                "district": m.district.name if m.district else None,
                "starts_on": m.starts_on.isoformat(),
                "ends_on": m.ends_on.isoformat() if m.ends_on else None,
            }
            for m in memberships
        ],
    }
    if person is not None:
        data["person"] = {
            "public_id": str(person.public_id),
            "first_name": person.first_name,
            "last_name": person.last_name,
            "birth_year": person.birth_year,
            "neighbourhood": person.neighbourhood.name if person.neighbourhood else None,
            "district": person.neighbourhood.district.name if person.neighbourhood else None,
            "languages": person.language_list,
            "contact_preference": person.contact_preference,
            "phone": person.phone,
            "consent_contact": person.consent_contact,
            "consent_given_at": person.consent_given_at.isoformat() if person.consent_given_at else None,
            "created_at": person.created_at.isoformat(),
        }
    with transaction.atomic():
        audit_record(actor=user, action="person.exported", obj=user)
    return data
