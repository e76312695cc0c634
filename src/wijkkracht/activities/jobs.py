"""Periodic jobs of centre life (registered with the one scheduler, wijkkracht.background.periodic)."""

from datetime import time

from django.utils import timezone

from wijkkracht.background.periodic import periodic_job

from . import reach, services


@periodic_job("activities.generate_sessions", daily_at=time(2, 15))
def generate_sessions() -> int:
    """Keep every published activity's sessions made up to the horizon (idempotent)."""
    return services.sessions_generate_all()


@periodic_job("activities.remind_registered", daily_at=time(10, 0))
def remind_registered() -> int:
    """The day before a session: a reminder to everyone with a place (once each)."""
    return services.registrations_remind()


@periodic_job("activities.remind_attendance", daily_at=time(9, 0))
def remind_attendance() -> int:
    """Two days after a session without attendance: ask its professionals to fill it in (once per session)."""
    return services.attendance_remind()


@periodic_job("activities.count_reach", daily_at=time(3, 0))
def count_reach() -> int:
    """Count this year's and last year's reach again from the raw rows (the services keep it exact on every write;
    this also covers what changes outside them, such as a person removed)."""
    year = timezone.localdate().year
    return reach.rebuild(years=[year - 1, year])
