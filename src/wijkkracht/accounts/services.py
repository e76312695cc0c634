"""Every write to accounts goes through here: memberships, language preference, TOTP devices."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.audit.services import audit_record

from . import throttle, tokens
from .constants import (
    ENROLMENT_LINK_VALID,
    ENROLMENT_RESEND_AFTER,
    RECOVERY_CODE_ALPHABET,
    RECOVERY_CODE_COUNT,
    RECOVERY_CODE_LENGTH,
    AuditAction,
    Role,
)
from .models import Membership, RecoveryCode, RecoveryCodeSet, SecondFactorEnrolment, User
from .permissions import Action
from .policy import require_actor


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
    ends_on: datetime.date | None = None,
    actor: User | None,
) -> Membership:
    """Give `user` a role in a scope. Raises ValidationError when the scope does not fit the role
    (see constants.ROLE_SCOPE and Membership.clean) or the same membership exists already."""
    require_actor(actor, Action.MEMBERSHIP_GRANT)
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
    membership.ends_on = ends_on
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor, action=AuditAction.MEMBERSHIP_GRANTED, obj=membership, role=role, user=str(user.public_id)
    )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, ends_on: datetime.date | None = None, actor: User | None) -> Membership:
    """End a membership on `ends_on` (default: today; the role stays valid through that day)."""
    require_actor(actor, Action.MEMBERSHIP_END, membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    ends_on = ends_on or timezone.localdate()
    if membership.ends_on is not None and membership.ends_on <= ends_on:
        return membership  # already ended on or before that day: nothing to do
    membership.ends_on = ends_on
    membership.full_clean()
    membership.save(update_fields=["ends_on"])
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_ENDED,
        obj=membership,
        role=membership.role,
        user=str(membership.user.public_id),
    )
    return membership


# The account fields an administrator keeps in the admin. Accounts are switched off, never deleted.
USER_ADMIN_FIELDS = ("email", "display_name", "preferred_language", "is_active")


@transaction.atomic
def user_create(
    *, email: str, display_name: str, password: str | None, actor: User | None, preferred_language: str = "nl"
) -> User:
    """Make an account (the system: a command, the demo seed; or an administrator). Residents make their own by
    signing up. `password=None` makes an account that cannot log in with a password until it is reset."""
    require_actor(actor, Action.USER_CHANGE)
    user = User(email=email.strip().lower(), display_name=display_name.strip(), preferred_language=preferred_language)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=actor, action=AuditAction.USER_CREATED, obj=user)
    return user


@transaction.atomic
def user_update(
    *, user: User, actor: User | None, email: str, display_name: str, preferred_language: str, is_active: bool
) -> User:
    """Change an account (administrators, in the admin). Audits the names of the changed fields, never values."""
    require_actor(actor, Action.USER_CHANGE, user)
    stored = User.objects.select_for_update().filter(pk=user.pk).values(*USER_ADMIN_FIELDS).get()
    values = {
        "email": email.strip().lower(),
        "display_name": display_name,
        "preferred_language": preferred_language,
        "is_active": is_active,
    }
    changed = sorted(name for name, value in values.items() if stored[name] != value)
    for name, value in values.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    if not changed:
        return user
    user.save(update_fields=changed)
    audit_record(actor=actor, action=AuditAction.USER_UPDATED, obj=user, fields=changed)
    if "is_active" in changed:
        audit_record(
            actor=actor, action=AuditAction.USER_ACTIVATED if is_active else AuditAction.USER_DEACTIVATED, obj=user
        )
    return user


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
    audit_record(actor=user, action=AuditAction.USER_LANGUAGE_CHANGED, obj=user, language=language)
    return user


# --- Two-step login (docs/accounts.md) -----------------------------------------------------------------------------


class EnrolmentError(Exception):
    """A setup link that cannot be used (unknown, expired, already used, or opened in another session)."""


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def has_second_factor(user: User) -> bool:
    """Whether the user has a confirmed authenticator app: then every login asks for it (staff or not)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


user_has_totp_device = has_second_factor


def second_factor_enrolment_start(*, user: User, link_for: Callable[[str], str]) -> SecondFactorEnrolment:
    """Start an attempt to set up two-step login: e-mail the user a link (`link_for(token)` makes its URL).

    The password alone never shows a secret: only who also reads the user's mail can set up a second factor.
    At most one link a minute (ValidationError), so a stolen password cannot flood the mailbox."""
    now = timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one start at a time per user
        if SecondFactorEnrolment.objects.filter(
            user=user, created_at__gt=now - ENROLMENT_RESEND_AFTER, completed_at__isnull=True
        ).exists():
            raise ValidationError(
                _("We hebben u net een link gestuurd. Kijk in uw mailbox of probeer het over een minuut opnieuw."),
                code="too_soon",
            )
        _enrolments_expired_delete(user=user, now=now)
        token = secrets.token_urlsafe(32)
        enrolment = SecondFactorEnrolment(
            user=user, token_hash=_digest(token), created_at=now, expires_at=now + ENROLMENT_LINK_VALID
        )
        enrolment.full_clean()
        enrolment.save()
        audit_record(actor=user, action=AuditAction.SECOND_FACTOR_LINK_SENT, obj=user)
        # Sent inside the transaction: when sending fails, no attempt is left behind.
        _enrolment_mail(user=user, link=link_for(token), language=user.preferred_language or settings.LANGUAGE_CODE)
    return enrolment


def _enrolment_mail(*, user: User, link: str, language: str) -> None:
    with translation.override(language):
        context = {"user": user, "link": link, "minutes": int(ENROLMENT_LINK_VALID.total_seconds() // 60)}
        subject = render_to_string("accounts/otp_enrol_subject.txt", context).strip()
        body = render_to_string("accounts/otp_enrol_email.txt", context)
    send_mail(subject, body, None, [user.email])


def _account_mail(*, user: User, template: str, context: dict[str, object]) -> None:
    """A short notice to the account holder, in their language (templates accounts/<template>_subject.txt and
    accounts/<template>_email.txt)."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {"user": user, **context}
        subject = render_to_string(f"accounts/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/{template}_email.txt", context)
    send_mail(subject, body, None, [user.email])


def _enrolments_expired_delete(*, user: User, now: datetime.datetime) -> None:
    expired = SecondFactorEnrolment.objects.filter(user=user, completed_at__isnull=True, expires_at__lte=now)
    _enrolments_delete(expired)


def _enrolments_delete(enrolments: QuerySet[SecondFactorEnrolment]) -> None:
    """Delete attempts with their secrets (pending devices); never a confirmed device."""
    device_ids = [pk for pk in enrolments.values_list("device_id", flat=True) if pk is not None]
    enrolments.delete()
    TOTPDevice.objects.filter(pk__in=device_ids, confirmed=False).delete()


def second_factor_enrolment_claim(*, user: User, token: str) -> tuple[SecondFactorEnrolment, str]:
    """Open an e-mailed link: the attempt gets its own new secret and belongs from now on to this session only.

    Returns the attempt and the claim the session keeps (only its hash is stored). Raises EnrolmentError when
    the link is not the user's, has expired, was used, or was already opened (by any session)."""
    now = timezone.now()
    with transaction.atomic():
        enrolment = (
            SecondFactorEnrolment.objects.select_for_update().filter(user=user, token_hash=_digest(token)).first()
        )
        if enrolment is None or enrolment.completed_at is not None or enrolment.expires_at <= now:
            raise EnrolmentError
        if enrolment.claim_hash:
            raise EnrolmentError
        device = TOTPDevice(user=user, name="Wijkkracht", confirmed=False)
        device.full_clean()
        device.save()
        claim = secrets.token_urlsafe(32)
        enrolment.claim_hash = _digest(claim)
        enrolment.device = device
        enrolment.save(update_fields=["claim_hash", "device"])
        audit_record(
            actor=user,
            action=AuditAction.TOTP_DEVICE_CREATED,
            object_type="otp_totp.totpdevice",
            object_id=device.persistent_id,
        )
    return enrolment, claim


def second_factor_enrolment_of_session(*, user: User, claim: str | None) -> SecondFactorEnrolment | None:
    """The open attempt this session claimed, or None (none, someone else's, expired or done)."""
    if not claim:
        return None
    return (
        SecondFactorEnrolment.objects.select_related("device")
        .filter(
            user=user,
            claim_hash=_digest(claim),
            completed_at__isnull=True,
            expires_at__gt=timezone.now(),
            device__isnull=False,
        )
        .first()
    )


def second_factor_enrolment_complete(
    *, user: User, claim: str | None, token: str
) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm this session's attempt with a first code from the app.

    Returns the confirmed device and new recovery codes (shown once), or None for a wrong code or no open
    attempt. Every other secret of the user ends here: other attempts, and an earlier app (a new phone)."""
    with transaction.atomic():
        enrolment = second_factor_enrolment_of_session(user=user, claim=claim)
        if enrolment is None:
            return None
        enrolment = SecondFactorEnrolment.objects.select_for_update().get(pk=enrolment.pk)
        device = TOTPDevice.objects.select_for_update().filter(pk=enrolment.device_id, confirmed=False).first()
        if enrolment.completed_at is not None or device is None or not device.verify_token(token):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        _enrolments_delete(SecondFactorEnrolment.objects.filter(user=user, completed_at__isnull=True))
        audit_record(
            actor=user,
            action=AuditAction.TOTP_DEVICE_CONFIRMED,
            object_type="otp_totp.totpdevice",
            object_id=device.persistent_id,
        )
        codes = recovery_codes_generate(user=user)
    return device, codes


def totp_device_verify(*, user: User, token: str) -> TOTPDevice | None:
    """Check a code against the user's confirmed devices (with django-otp's throttling). The device or None."""
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        with transaction.atomic():
            if device.verify_token(token):
                return device
    audit_record(actor=user, action=AuditAction.TOTP_FAILED, obj=user)
    return None


def _recovery_code_new() -> str:
    raw = "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def recovery_code_normalise(code: str) -> str:
    """What the user typed, as stored: lower case, without spaces and dashes."""
    return "".join(ch for ch in code.lower() if ch.isalnum())


@transaction.atomic
def recovery_codes_generate(*, user: User) -> list[str]:
    """New recovery codes for the user, replacing every earlier one. Returns them in plain text, to be shown once;
    only their hashes are stored."""
    code_set, _created = RecoveryCodeSet.objects.select_for_update().get_or_create(
        user=user, defaults={"name": "Herstelcodes", "confirmed": True}
    )
    code_set.codes.all().delete()
    code_set.throttle_reset(commit=True)
    codes = [_recovery_code_new() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(code_set=code_set, code_hash=make_password(recovery_code_normalise(code))) for code in codes
    )
    audit_record(actor=user, action=AuditAction.RECOVERY_CODES_GENERATED, obj=user, count=len(codes))
    return codes


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(code_set__user=user, used_at__isnull=True).count()


def recovery_code_use(*, user: User, code: str) -> RecoveryCodeSet | None:
    """Log in with a recovery code instead of the app: the code is spent. The set (a django-otp device, for
    `otp_login`) or None for a wrong or spent code. Throttled like TOTP codes; every attempt is audited."""
    with transaction.atomic():
        code_set = RecoveryCodeSet.objects.select_for_update().filter(user=user, confirmed=True).first()
        if code_set is None or not user_has_totp_device(user):
            audit_record(actor=user, action=AuditAction.RECOVERY_CODE_FAILED, obj=user)
            return None
        allowed, _why = code_set.verify_is_allowed()
        normalised = recovery_code_normalise(code)
        if allowed:
            for stored in code_set.codes.select_for_update().filter(used_at__isnull=True):
                if check_password(normalised, stored.code_hash):
                    stored.used_at = timezone.now()
                    stored.save(update_fields=["used_at"])
                    code_set.throttle_reset(commit=True)
                    left = code_set.codes.filter(used_at__isnull=True).count()
                    audit_record(actor=user, action=AuditAction.RECOVERY_CODE_USED, obj=user, left=left)
                    # The account holder hears of it, so a code used by someone else does not go unnoticed.
                    _account_mail(user=user, template="recovery_code_used", context={"left": left})
                    return code_set
            code_set.throttle_increment(commit=True)
    audit_record(actor=user, action=AuditAction.RECOVERY_CODE_FAILED, obj=user)
    return None


@transaction.atomic
def second_factor_reset(*, user: User, actor: User | None) -> None:
    """Remove the user's second factor (app, open attempts and recovery codes), e.g. when both the phone and the
    recovery codes are lost. A staff user sets up a new one at the next login, again through an e-mailed link."""
    if actor is not None and actor.pk != user.pk:
        require_actor(actor, Action.SECOND_FACTOR_RESET, user)
    _enrolments_delete(SecondFactorEnrolment.objects.filter(user=user))
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeSet.objects.filter(user=user).delete()
    audit_record(actor=actor, action=AuditAction.SECOND_FACTOR_RESET, obj=user)


def sessions_clear_expired() -> int:
    """Delete expired login sessions (the nightly job `sessions.clear_expired`). Idempotent: a second run finds
    nothing left to delete. Returns the number of sessions deleted."""
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


# --- Throttling, sign-up and invitations -------------------------------------------------------------------


@transaction.atomic
def throttle_record(*, checks: list) -> None:
    """Count one attempt under the given throttle rules (see throttle.py)."""
    throttle.record(checks)


@transaction.atomic
def login_failure_record(*, address: str, checks: list) -> None:
    """A failed login: counted for the throttle and audited. The audit names the account by its public id
    when one exists; never the typed address, the password or the client's IP address."""
    throttle.record(checks)
    user = User.objects.filter(email__iexact=throttle.normalise_address(address)).first()
    if user is not None:
        audit_record(actor=None, action=AuditAction.LOGIN_FAILED, obj=user)
    else:
        audit_record(actor=None, action=AuditAction.LOGIN_FAILED, object_type="accounts.user")


def _send(*, to: str, language: str, subject_template: str, body_template: str, context: dict) -> None:
    """Render an e-mail in the recipient's language and send it once the transaction has committed."""
    with translation.override(language):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        body = render_to_string(body_template, context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [to]))


def _link(base_url: str, name: str, **kwargs) -> str:
    return base_url.rstrip("/") + reverse(name, kwargs=kwargs)


def _send_confirmation(*, user: User, kind: str, base_url: str, first_name: str = "") -> None:
    context = {
        "link": _link(base_url, "accounts:signup_confirm", token=tokens.make_token(user, kind)),
        "days": tokens.MAX_AGE[kind] // 86400,
        "first_name": first_name,
    }
    name = "signup" if kind == tokens.SIGNUP else "invitation"
    _send(
        to=user.email,
        language=user.preferred_language,
        subject_template=f"accounts/email/{name}_subject.txt",
        body_template=f"accounts/email/{name}.txt",
        context=context,
    )


def _send_already_registered(*, user: User, base_url: str) -> None:
    _send(
        to=user.email,
        language=user.preferred_language,
        subject_template="accounts/email/already_registered_subject.txt",
        body_template="accounts/email/already_registered.txt",
        context={
            "login": _link(base_url, "accounts:login"),
            "reset": _link(base_url, "accounts:password_reset"),
        },
    )


def _pending_user(*, email: str, language: str) -> User:
    user = User(email=email, preferred_language=language, is_active=False)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_signup_request(*, email: str, language: str, base_url: str) -> None:
    """Someone asks for an account with this address. Whatever the address, one e-mail goes to it:
    a new or waiting address gets a confirmation link; an address with an account is told so (with links to
    log in and to reset the password). The caller shows the same answer in every case."""
    email = throttle.normalise_address(email)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        user = _pending_user(email=email, language=language)
        audit_record(actor=None, action=AuditAction.USER_SIGNUP_REQUESTED, obj=user)
        _send_confirmation(user=user, kind=tokens.SIGNUP, base_url=base_url)
    elif user.is_pending:
        if user.preferred_language != language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
        _send_confirmation(user=user, kind=tokens.SIGNUP, base_url=base_url)
    else:
        _send_already_registered(user=user, base_url=base_url)


@transaction.atomic
def user_signup_complete(*, user: User, kind: str, first_name: str, password: str, language: str) -> User:
    """The link was followed: set the password, confirm the address, activate the account and give it the
    resident's role. The first name is kept as the display name; "Mijn gegevens" starts from it (the Person is
    made there on the first save; an invited account keeps the Person the desk made)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_pending:
        raise ValidationError(_("Dit account is al klaar. U kunt inloggen."))
    user.set_password(password)
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    if language in dict(settings.LANGUAGES):
        user.preferred_language = language
    if first_name:
        user.display_name = first_name
    user.full_clean(exclude=["password"])
    user.save()
    if not Membership.objects.filter(user=user, role=Role.RESIDENT).exists():
        membership_grant(user=user, role=Role.RESIDENT, actor=None)
    audit_record(
        actor=user,
        action=AuditAction.USER_INVITATION_ACCEPTED if kind == tokens.INVITATION else AuditAction.USER_SIGNED_UP,
        obj=user,
    )
    return user


@transaction.atomic
def user_invite(*, email: str, first_name: str, language: str, base_url: str, actor: User) -> User | None:
    """Invite a resident registered at the desk to claim an account with this address.

    Returns the new waiting account (the caller links it to the Person), or None when the address already
    belongs to an account: that address is then told it has one, and nothing is linked. The caller says the
    same thing in both cases."""
    email = throttle.normalise_address(email)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    existing = User.objects.select_for_update().filter(email__iexact=email).first()
    if existing is not None:
        _send_already_registered(user=existing, base_url=base_url)
        audit_record(actor=actor, action=AuditAction.USER_INVITATION_NOT_NEEDED, obj=existing)
        return None
    user = _pending_user(email=email, language=language)
    audit_record(actor=actor, action=AuditAction.USER_INVITED, obj=user)
    _send_confirmation(user=user, kind=tokens.INVITATION, base_url=base_url, first_name=first_name)
    return user


@transaction.atomic
def user_invitation_resend(*, user: User, first_name: str, base_url: str, actor: User) -> None:
    """Send the invitation link again (a new link; the old one still works until it expires)."""
    if not user.is_pending:
        raise ValidationError(_("Deze bewoner heeft het account al in gebruik."))
    audit_record(actor=actor, action=AuditAction.USER_INVITED, obj=user)
    _send_confirmation(user=user, kind=tokens.INVITATION, base_url=base_url, first_name=first_name)


PENDING_DAYS = 30


@transaction.atomic
def user_pending_prune(*, older_than_days: int = PENDING_DAYS) -> int:
    """Remove waiting accounts (sign-ups and invitations never confirmed) older than the given number of days,
    as the privacy statement promises. A desk-registered Person stays; only the waiting account goes."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    removed = 0
    for user in User.objects.filter(is_active=False, email_confirmed_at__isnull=True, date_joined__lt=cutoff):
        if not user.is_pending:
            continue
        audit_record(actor=None, action=AuditAction.USER_PENDING_REMOVED, obj=user)
        user.delete()
        removed += 1
    return removed
