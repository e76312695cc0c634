"""Every write to pages goes through here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wijkkracht.audit.services import audit_record

from .constants import AuditAction
from .models import SiteInformation
from .permissions import Action, can


@transaction.atomic
def site_information_save(*, info: SiteInformation, actor) -> SiteInformation:
    """Create or change a municipality's contact details and statements (administrators; actor=None: the system)."""
    if actor is not None and not can(actor, Action.SITE_INFORMATION_CHANGE):
        raise PermissionDenied
    created = info.pk is None
    info.full_clean()
    info.save()
    audit_record(
        actor=actor,
        action=AuditAction.SITE_INFORMATION_CREATED if created else AuditAction.SITE_INFORMATION_CHANGED,
        obj=info,
    )
    return info
