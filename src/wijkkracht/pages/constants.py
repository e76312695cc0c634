from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class AccessibilityStatus(models.TextChoices):
    """The status of the Dutch model accessibility statement (digitoegankelijk.nl), A to E."""

    A = "A", _("A: voldoet volledig aan de eisen")
    B = "B", _("B: voldoet gedeeltelijk aan de eisen")
    C = "C", _("C: eerste maatregelen genomen")
    D = "D", _("D: nog geen maatregelen genomen")
    E = "E", _("E: verklaring is niet volledig")


@audit_actions
class AuditAction(models.TextChoices):
    SITE_INFORMATION_CREATED = "site_information.created", _("contact en verklaringen aangemaakt")
    SITE_INFORMATION_CHANGED = "site_information.changed", _("contact en verklaringen gewijzigd")
