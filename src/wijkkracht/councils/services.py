"""Every write to councils goes through here."""

from django.db import transaction

from wijkkracht.audit.services import audit_record

from .models import Council


@transaction.atomic
def council_save(*, council: Council, actor) -> Council:
    """Create or change a council (administrators, through the admin)."""
    created = council.pk is None
    council.full_clean()
    council.save()
    audit_record(actor=actor, action="councils.create" if created else "councils.update", obj=council)
    return council
