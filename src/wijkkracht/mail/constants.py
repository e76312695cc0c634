from django.db import models
from django.utils.translation import gettext_lazy as _

# The mailer (settings.MAILERS) that really delivers; "default" is the outbox.
DELIVERY_MAILER = "delivery"
MAX_ATTEMPTS = 5


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    SENDING = "sending", _("wordt verstuurd")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")
