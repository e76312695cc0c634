from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    WELFARE = "welfare", _("welzijnsorganisatie")
    SCHOOL = "school", _("school")
    SPORTS = "sports", _("sportvereniging")
    CULTURE = "culture", _("culturele instelling")
    CARE = "care", _("zorgaanbieder")
    HOUSING = "housing", _("woningcorporatie")
    OTHER = "other", _("andere partner")
