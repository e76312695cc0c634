"""Periodic jobs of the support app (registered with the background scheduler)."""

from __future__ import annotations

from datetime import time, timedelta

from wijkkracht.background.periodic import periodic_job

from . import services


@periodic_job("support.escalate_overdue", every=timedelta(hours=1))
def escalate_overdue() -> int:
    """Overdue requests rise on the escalation list; a request without an owner gets one. Idempotent."""
    return services.help_requests_escalate()


@periodic_job("support.anonymise_closed", daily_at=time(3, 45))
def anonymise_closed() -> int:
    """Closed requests past the retention period are anonymised. Idempotent."""
    return services.help_requests_anonymise()
