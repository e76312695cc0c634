import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class Role(models.TextChoices):
    RESIDENT = "resident", _("bewoner")
    VOLUNTEER = "volunteer", _("vrijwilliger")
    COUNCIL_MEMBER = "council_member", _("lid gebruikersraad")
    PROFESSIONAL = "professional", _("beroepskracht")
    COORDINATOR = "coordinator", _("coördinator organisatie")
    ANALYST = "analyst", _("analist gemeente")
    ADMINISTRATOR = "administrator", _("beheerder")


# Roles that see more than their own data log in with a second factor (TOTP) in production.
STAFF_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.ANALYST, Role.ADMINISTRATOR})

# Which scope a membership of each role must have (exactly these fields set, the others empty).
ROLE_SCOPE = {
    Role.RESIDENT: (),
    Role.VOLUNTEER: (),
    Role.COUNCIL_MEMBER: ("council",),
    Role.PROFESSIONAL: ("organisation",),  # plus a centre or a district it serves
    Role.COORDINATOR: ("organisation",),
    Role.ANALYST: ("municipality",),
    Role.ADMINISTRATOR: (),
}

# Two-step login (docs/accounts.md): an e-mailed setup link works this long, and at most one is sent a minute.
ENROLMENT_LINK_VALID = datetime.timedelta(hours=1)
ENROLMENT_RESEND_AFTER = datetime.timedelta(minutes=1)
# Recovery codes: 10 codes of 12 characters (about 59 bits each), without look-alikes (0/o, 1/l/i).
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_LENGTH = 12
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@audit_actions
class AuditAction(models.TextChoices):
    """Every audit event of accounts (one name per event, whatever the entry point)."""

    MEMBERSHIP_GRANTED = "membership.granted", _("rol toegekend")
    MEMBERSHIP_ENDED = "membership.ended", _("rol beëindigd")
    USER_CREATED = "user.created", _("account aangemaakt")
    USER_UPDATED = "user.updated", _("account gewijzigd")
    USER_ACTIVATED = "user.activated", _("account aangezet")
    USER_DEACTIVATED = "user.deactivated", _("account uitgezet")
    USER_LANGUAGE_CHANGED = "user.language_changed", _("taal gewijzigd")
    TOTP_DEVICE_CREATED = "totp_device.created", _("app voor inlogcodes aangemaakt")
    TOTP_DEVICE_CONFIRMED = "totp_device.confirmed", _("app voor inlogcodes bevestigd")
    TOTP_FAILED = "totp.failed", _("verkeerde inlogcode")
    RECOVERY_CODE_FAILED = "recovery_code.failed", _("verkeerde herstelcode")
    RECOVERY_CODE_USED = "recovery_code.used", _("herstelcode gebruikt")
    RECOVERY_CODES_GENERATED = "recovery_codes.generated", _("nieuwe herstelcodes gemaakt")
    SECOND_FACTOR_LINK_SENT = "second_factor.link_sent", _("link voor inloggen in twee stappen verstuurd")
    SECOND_FACTOR_RESET = "second_factor.reset", _("inloggen in twee stappen gewist")
    LOGIN_FAILED = "login.failed", _("inloggen mislukt")
    USER_SIGNUP_REQUESTED = "user.signup_requested", _("account aangevraagd")
    USER_SIGNED_UP = "user.signed_up", _("account gemaakt en e-mailadres bevestigd")
    USER_INVITED = "user.invited", _("uitgenodigd voor een account")
    USER_INVITATION_ACCEPTED = "user.invitation_accepted", _("uitnodiging voor een account aangenomen")
    USER_INVITATION_NOT_NEEDED = (
        "user.invitation_not_needed",
        _("uitnodiging niet nodig: het adres heeft al een account"),
    )
    USER_PENDING_REMOVED = "user.pending_removed", _("onbevestigd account verwijderd")
