import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


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
