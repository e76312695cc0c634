"""Every write to accounts goes through here: memberships, language preference, TOTP devices."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.audit.services import audit_record

from .models import Membership, User
from .permissions import can


def _check(actor, action: str, obj=None) -> None:
    # actor=None means the system itself (a management command, the demo seed).
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: str,
    council=None,
    organisation=None,
    municipality=None,
    centre=None,
    district=None,
    starts_on: datetime.date | None = None,
    actor: User | None,
) -> Membership:
    """Give `user` a role in a scope. Raises ValidationError when the scope does not fit the role
    (see constants.ROLE_SCOPE and Membership.clean) or the same membership exists already."""
    _check(actor, "membership_grant")
    membership = Membership(
        user=user,
        role=role,
        council=council,
        organisation=organisation,
        municipality=municipality,
        centre=centre,
        district=district,
    )
    if starts_on is not None:
        membership.starts_on = starts_on
    membership.full_clean()
    membership.save()
    audit_record(actor=actor, action="membership.granted", obj=membership, role=role, user=str(user.public_id))
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, ends_on: datetime.date | None = None, actor: User | None) -> Membership:
    """End a membership on `ends_on` (default: today; the role stays valid through that day)."""
    _check(actor, "membership_end", membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    ends_on = ends_on or timezone.localdate()
    if membership.ends_on is not None and membership.ends_on <= ends_on:
        return membership  # already ended: nothing to do
    membership.ends_on = ends_on
    membership.full_clean()
    membership.save(update_fields=["ends_on"])
    audit_record(
        actor=actor,
        action="membership.ended",
        obj=membership,
        role=membership.role,
        user=str(membership.user.public_id),
    )
    return membership


@transaction.atomic
def user_language_update(*, user: User, language: str) -> User:
    """Store the user's preferred language for the screens and for e-mail."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": _("Deze taal is er niet.")})
    if user.preferred_language == language:
        return user
    user.preferred_language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["preferred_language"])
    audit_record(actor=user, action="user.language_changed", obj=user, language=language)
    return user


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device for setting up two-step login; created once and reused."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice(user=user, name="Wijkkracht", confirmed=False)
            device.full_clean()
            device.save()
            audit_record(
                actor=user,
                action="totp_device.created",
                object_type="otp_totp.totpdevice",
                object_id=device.persistent_id,
            )
    return device


def totp_device_confirm(*, user: User, token: str) -> TOTPDevice | None:
    """Confirm the pending device with a first valid code. Returns the device, or None for a wrong code."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None or not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=user,
            action="totp_device.confirmed",
            object_type="otp_totp.totpdevice",
            object_id=device.persistent_id,
        )
    return device


def totp_device_verify(*, user: User, token: str) -> TOTPDevice | None:
    """Check a code against the user's confirmed devices (with django-otp's throttling). The device or None."""
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        with transaction.atomic():
            if device.verify_token(token):
                return device
    audit_record(actor=user, action="totp.failed", obj=user)
    return None


def user_has_totp_device(user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()
