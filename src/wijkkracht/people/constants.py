from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    PERSON_CREATED = "person.created", _("bewoner aangemaakt")
    PERSON_UPDATED = "person.updated", _("gegevens van bewoner gewijzigd")
    PERSON_EXPORTED = "person.exported", _("eigen gegevens gedownload")
    PERSON_VIEWED = "person.viewed", _("gegevens van bewoner ingezien")
    PERSON_REGISTERED_AT_DESK = "person.registered_at_desk", _("bewoner ingeschreven aan de balie of via de telefoon")
    PERSON_INVITED = "person.invited", _("bewoner uitgenodigd voor een account")
