"""Periodic jobs of the volunteers app (registered with the background scheduler)."""

from __future__ import annotations

from datetime import time

from wijkkracht.background.periodic import periodic_job

from . import services


@periodic_job("volunteers.end_pauses", daily_at=time(0, 15))
def end_pauses() -> int:
    """Volunteers whose pause ended yesterday are active again today. Idempotent."""
    return services.volunteer_end_pauses()


@periodic_job("volunteers.remind_vog", daily_at=time(7, 0))
def remind_vog() -> int:
    """Volunteers whose VOG lapses within VOG_REMIND_DAYS hear it once. Idempotent."""
    return services.certificate_remind_lapsing()


@periodic_job("volunteers.retention", daily_at=time(5, 30))
def retention() -> int:
    """Who needs attention today (volunteers.retention). Idempotent."""
    return services.retention_update()


@periodic_job("volunteers.recognise", daily_at=time(5, 45))
def recognise() -> int:
    """Milestones reached (years of service, hours given) are recorded. Idempotent."""
    return services.recognition_update()
