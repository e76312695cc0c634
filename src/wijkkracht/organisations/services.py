"""Every write to organisations goes through here."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wijkkracht.audit.services import audit_record

from .constants import AuditAction
from .models import Organisation
from .permissions import Action, can


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor) -> Organisation:
    """Create or change an organisation (administrators, through the admin)."""
    if actor is not None and not can(actor, Action.MANAGE, organisation):
        raise PermissionDenied
    created = organisation.pk is None
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=actor,
        action=AuditAction.ORGANISATION_CREATED if created else AuditAction.ORGANISATION_UPDATED,
        obj=organisation,
    )
    return organisation
