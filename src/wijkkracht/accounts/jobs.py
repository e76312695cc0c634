"""Periodic jobs of accounts (registered with the one scheduler, wijkkracht.background.periodic)."""

from datetime import time

from django.contrib.sessions.models import Session
from django.utils import timezone

from wijkkracht.background.periodic import periodic_job


@periodic_job("sessions.clear_expired", daily_at=time(3, 30))
def clear_expired_sessions() -> int:
    """Delete expired login sessions. Idempotent: a second run finds nothing left to delete."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
