import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import validate_name

from .constants import OrganisationKind


class Organisation(models.Model):
    """The welfare organisation that employs the professionals, or a cooperation partner."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=160, unique=True, validators=[validate_name])
    kind = models.CharField(_("soort"), max_length=16, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("gemeente"),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
