from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .query import StateChangeQuerySet


class StateChange(models.Model):
    """One move of one object from one state to another: who, when, from, to and why.

    Written only by `workflow.services.transition`, in the same transaction as the new state. The reason may
    hold personal data (it is read under the policy of the object it belongs to); the audit event written
    beside it does not."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("soort object")
    )
    object_id = models.CharField(_("object-id"), max_length=64)
    field = models.CharField(_("veld"), max_length=60)
    source = models.CharField(_("van"), max_length=40)
    target = models.CharField(_("naar"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
        help_text=_("Leeg: het systeem (een taak of de planner)."),
    )
    reason = models.TextField(_("reden"), blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    objects = StateChangeQuerySet.as_manager()
    # Not stored: the states' labels, set by workflow.web.history for display.
    source_label: str
    target_label: str

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="workflow_object_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.source} → {self.target}"
