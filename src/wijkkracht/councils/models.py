import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import validate_name


class Council(models.Model):
    """A users' council (gebruikersraad) of a community centre or a district."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=160, validators=[validate_name])
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="councils", verbose_name=_("wijk")
    )
    centre = models.ForeignKey(
        "places.CommunityCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("wijkcentrum"),
        help_text=_("Leeg als de raad voor de hele wijk is."),
    )

    class Meta:
        verbose_name = _("gebruikersraad")
        verbose_name_plural = _("gebruikersraden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.centre_id and self.district_id and self.centre.district_id != self.district_id:
            raise ValidationError({"centre": _("Het wijkcentrum ligt niet in de wijk van deze raad.")})
