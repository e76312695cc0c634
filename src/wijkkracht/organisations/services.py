"""Every write to organisations goes through here."""

from django.db import transaction

from wijkkracht.audit.services import audit_record

from .models import Organisation


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor) -> Organisation:
    """Create or change an organisation (administrators, through the admin)."""
    created = organisation.pk is None
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action="organisations.create" if created else "organisations.update", obj=organisation)
    return organisation
