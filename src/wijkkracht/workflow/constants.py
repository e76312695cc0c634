from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    # The default event of every move (the object, from and to are in the event); a workflow may name its own.
    TRANSITION = "workflow.transition", _("status gewijzigd")
