"""Every write to people goes through here."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.policy import require_actor
from wijkkracht.audit.services import audit_record

from .constants import AuditAction
from .models import Channel, Person
from .permissions import Action

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


# The fields an administrator may correct on a resident's record (GDPR art. 16), in the admin.
ADMIN_FIELDS = OWN_FIELDS


def _apply(person: Person, data: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    """Set the given fields; keep the consent moment in step with the consent. The names of changed fields."""
    changed = []
    for name in fields:
        if name in data and getattr(person, name) != data[name]:
            setattr(person, name, data[name])
            changed.append(name)
    if person.consent_contact and person.consent_given_at is None:
        person.consent_given_at = timezone.now()
    elif not person.consent_contact:
        person.consent_given_at = None
    return sorted(changed)


@transaction.atomic
def person_view_record(*, person: Person, actor, purpose: str) -> None:
    """Record that `actor` opened someone else's record (an administrator's view of personal data is logged)."""
    require_actor(actor, Action.PERSON_VIEW, person)
    if actor is not None and person.user_id == getattr(actor, "pk", None):
        return  # one's own record is not someone else's personal data
    audit_record(actor=actor, action=AuditAction.PERSON_VIEWED, obj=person, purpose=purpose)


@transaction.atomic
def person_update(*, person: Person, actor, data: dict[str, Any]) -> Person:
    """Correct a resident's record (administrators). Only ADMIN_FIELDS are used; audits the changed names."""
    require_actor(actor, Action.PERSON_CHANGE, person)
    stored = Person.objects.select_for_update().get(pk=person.pk)
    changed = _apply(stored, data, ADMIN_FIELDS)
    stored.full_clean()
    if changed:
        stored.save()
        audit_record(actor=actor, action=AuditAction.PERSON_UPDATED, obj=stored, fields=changed)
    return stored


@transaction.atomic
def person_create(
    *,
    actor,
    data: dict[str, Any],
    user=None,
    public_id: uuid.UUID | None = None,
    synthetic: bool = False,
) -> Person:
    """Record a resident (administrators; the system: an import, the demo seed). `data` holds ADMIN_FIELDS
    (others are ignored); `user` links an account; `public_id` fixes the id (the demo's stable ids)."""
    require_actor(actor, Action.PERSON_CHANGE)
    person = Person(user=user, synthetic=synthetic)
    if public_id is not None:
        person.public_id = public_id
    _apply(person, data, ADMIN_FIELDS)
    person.full_clean()
    person.save()
    audit_record(actor=actor, action=AuditAction.PERSON_CREATED, obj=person)
    return person


@transaction.atomic
def person_create_for_user(*, user, first_name: str, actor) -> Person:
    """A Person for an account that has none yet."""
    person = Person(user=user, first_name=first_name)
    person.full_clean()
    person.save()
    audit_record(actor=actor, action=AuditAction.PERSON_CREATED, obj=person)
    return person


@transaction.atomic
def person_update_own(*, user, data: dict[str, Any]) -> Person:
    """Save the user's own details; creates their Person on first save. Only OWN_FIELDS are used.

    Consent: switching it on records the moment; switching it off clears it."""
    person = Person.objects.select_for_update().of_user(user).first()
    created = person is None
    if person is None:
        person = Person(user=user)
    changed = _apply(person, data, OWN_FIELDS)
    person.full_clean()
    person.save()
    if created:
        audit_record(actor=user, action=AuditAction.PERSON_CREATED, obj=person)
    if changed:
        # Field names only, never the values.
        audit_record(actor=user, action=AuditAction.PERSON_UPDATED, obj=person, fields=changed)
    return person


def person_export_own(*, user) -> dict[str, Any]:
    """Everything the platform holds about this user (GDPR art. 15), as JSON-ready data. Audited."""
    person = Person.objects.select_related("neighbourhood__district").of_user(user).first()
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
        audit_record(actor=user, action=AuditAction.PERSON_EXPORTED, obj=user)
    return data


# The fields a professional fills in when registering a resident at the desk or by phone.
DESK_FIELDS = (*OWN_FIELDS, "channel")


@transaction.atomic
def person_register_at_desk(
    *, data: dict[str, Any], actor, public_id: uuid.UUID | None = None, synthetic: bool = False
) -> Person:
    """A professional registers a resident who has no account (no e-mail, no computer, or by choice),
    at the desk or by phone. Only DESK_FIELDS are used. The resident can be invited to claim an account later.
    `public_id` and `synthetic`: the demo's stable, made-up residents."""
    require_actor(actor, Action.DESK_REGISTER)
    person = Person(registered_by=actor, synthetic=synthetic)
    if public_id is not None:
        person.public_id = public_id
    for name in DESK_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    if person.channel not in {Channel.DESK, Channel.PHONE}:
        raise ValidationError({"channel": _("Kies: aan de balie of via de telefoon.")})
    if person.consent_contact:
        person.consent_given_at = timezone.now()
    person.full_clean()
    person.save()
    audit_record(actor=actor, action=AuditAction.PERSON_REGISTERED_AT_DESK, obj=person, channel=person.channel)
    return person


@transaction.atomic
def person_invite(*, person: Person, email: str, base_url: str, actor) -> None:
    """Invite a desk-registered resident to claim an account with this e-mail address (a link, valid 14 days).

    When the address already has an account, that address is told so and nothing is linked; the caller gives
    the same answer either way, so no one learns which addresses have an account."""
    from wijkkracht.accounts.services import user_invitation_resend, user_invite

    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    require_actor(actor, Action.DESK_INVITE, person)
    language = settings.LANGUAGE_CODE  # residents met at the desk get Dutch; they can switch after logging in
    if person.user is not None:
        if not person.user.is_pending:
            raise ValidationError(_("Deze bewoner heeft al een account."))
        if person.user.email.lower() == email.strip().lower():
            user_invitation_resend(user=person.user, first_name=person.first_name, base_url=base_url, actor=actor)
            return
        # Another address than before: the old waiting account is dropped, the new address gets the link.
        old = person.user
        person.user = None
        person.save(update_fields=["user"])
        old.delete()
    user = user_invite(email=email, first_name=person.first_name, language=language, base_url=base_url, actor=actor)
    if user is not None:
        person.user = user
        person.save(update_fields=["user"])
    audit_record(actor=actor, action=AuditAction.PERSON_INVITED, obj=person)
