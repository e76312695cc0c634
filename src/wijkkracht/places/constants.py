from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    """Every audit event of places (one name per event, whatever the entry point: page, admin, command)."""

    AREAS_IMPORTED = "places.areas_import", _("wijken en buurten ingelezen")
    POPULATION_FIGURES_IMPORTED = "places.population_figures_import", _("bevolkingscijfers ingelezen")
    CENTRE_CREATED = "places.centre_create", _("wijkcentrum aangemaakt")
    CENTRE_UPDATED = "places.centre_update", _("wijkcentrum gewijzigd")
    OPENING_HOURS_REPLACED = "places.opening_hours_replace", _("openingstijden gewijzigd")
    ROOM_CREATED = "places.room_create", _("zaal toegevoegd")
    ROOM_UPDATED = "places.room_update", _("zaal gewijzigd")
    ROOM_DELETED = "places.room_delete", _("zaal verwijderd")
    DISTRICT_ALIAS_CREATED = "places.district_alias_create", _("andere naam van een wijk toegevoegd")
    DISTRICT_ALIAS_UPDATED = "places.district_alias_change", _("andere naam van een wijk gewijzigd")
    DISTRICT_ALIAS_DELETED = "places.district_alias_delete", _("andere naam van een wijk verwijderd")
    POSTCODE_TABLE_IMPORTED = "places.postcode_table_import", _("postcodetabel ingelezen")
