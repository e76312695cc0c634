"""Periodic jobs of councils (registered with the one scheduler, wijkkracht.background.periodic)."""

from datetime import timedelta

from wijkkracht.background.periodic import periodic_job

from . import services


@periodic_job("councils.reminders", every=timedelta(hours=1))
def reminders() -> dict[str, int]:
    """Meetings a week and a day before, overdue assignments, plans not evaluated: each reminder once."""
    return services.reminders_send()
