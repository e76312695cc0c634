"""Periodic jobs of the concerns app (registered with the background scheduler)."""

from __future__ import annotations

from datetime import time

from wijkkracht.background.periodic import periodic_job

from . import services


@periodic_job("concerns.anonymise_closed", daily_at=time(4, 15))
def anonymise_closed() -> int:
    """Closed concerns past the retention period are anonymised. Idempotent."""
    return services.concerns_anonymise()
