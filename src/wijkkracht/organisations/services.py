"""Every write to organisations goes through here."""

from django.db import transaction

from wijkkracht.accounts.policy import require_actor
from wijkkracht.audit.services import audit_record

from .constants import AuditAction
from .models import Organisation
from .permissions import Action


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor) -> Organisation:
    """Create or change an organisation (administrators, through the admin)."""
    require_actor(actor, Action.MANAGE, organisation)
    created = organisation.pk is None
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=actor,
        action=AuditAction.ORGANISATION_CREATED if created else AuditAction.ORGANISATION_UPDATED,
        obj=organisation,
    )
    return organisation
