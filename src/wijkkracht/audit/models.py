from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import action_label


class AuditEvent(models.Model):
    """An explicit record of a write or of access to a sensitive record. Never holds personal data itself:
    it points at objects by their public id."""

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    action = models.CharField(_("handeling"), max_length=60, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=60)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action_label} {self.object_type}"

    @property
    def action_label(self) -> str:
        """The event in words, in the active language (from the app's registered AuditAction)."""
        return action_label(self.action)
