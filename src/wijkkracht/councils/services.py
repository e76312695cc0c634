"""Every write to councils goes through here."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wijkkracht.audit.services import audit_record

from .constants import AuditAction
from .models import Council
from .permissions import Action, can


@transaction.atomic
def council_save(*, council: Council, actor) -> Council:
    """Create or change a council (administrators, through the admin)."""
    if actor is not None and not can(actor, Action.MANAGE, council):
        raise PermissionDenied
    created = council.pk is None
    council.full_clean()
    council.save()
    audit_record(
        actor=actor, action=AuditAction.COUNCIL_CREATED if created else AuditAction.COUNCIL_UPDATED, obj=council
    )
    return council
