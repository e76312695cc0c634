"""Periodic jobs of accounts (registered with the one scheduler, wijkkracht.background.periodic)."""

from datetime import time

from wijkkracht.background.periodic import periodic_job

from . import services


@periodic_job("sessions.clear_expired", daily_at=time(3, 30))
def clear_expired_sessions() -> int:
    return services.sessions_clear_expired()


@periodic_job("accounts.prune_pending", daily_at=time(3, 45))
def prune_pending_accounts() -> int:
    """Sign-ups and invitations whose link was never followed go after 30 days (the privacy statement says so)."""
    return services.user_pending_prune()
