"""Periodic jobs of accounts (registered with the one scheduler, wijkkracht.background.periodic)."""

from datetime import time

from wijkkracht.background.periodic import periodic_job

from . import services


@periodic_job("sessions.clear_expired", daily_at=time(3, 30))
def clear_expired_sessions() -> int:
    return services.sessions_clear_expired()
