from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    COUNCIL_CREATED = "councils.create", _("gebruikersraad aangemaakt")
    COUNCIL_UPDATED = "councils.update", _("gebruikersraad gewijzigd")
