from .models import AuditEvent


def audit_record(*, actor, action: str, obj=None, object_type: str = "", object_id: str = "", **detail) -> AuditEvent:
    """Write one audit event. Call inside the service's transaction so it commits with the change."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "public_id", obj.pk))
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )
