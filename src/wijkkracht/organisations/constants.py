from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class OrganisationKind(models.TextChoices):
    WELFARE = "welfare", _("welzijnsorganisatie")
    SCHOOL = "school", _("school")
    SPORTS = "sports", _("sportvereniging")
    CULTURE = "culture", _("culturele instelling")
    CARE = "care", _("zorgaanbieder")
    HOUSING = "housing", _("woningcorporatie")
    OTHER = "other", _("andere partner")


@audit_actions
class AuditAction(models.TextChoices):
    ORGANISATION_CREATED = "organisations.create", _("organisatie aangemaakt")
    ORGANISATION_UPDATED = "organisations.update", _("organisatie gewijzigd")
