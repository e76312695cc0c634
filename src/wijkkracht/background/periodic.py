"""The one registry of periodic jobs (reminders, escalations, anonymisation, clean-ups).

An app declares a job in `<app>/jobs.py`:

    @periodic_job("sessions.clear_expired", daily_at=time(3, 30))
    def clear_expired_sessions() -> int:
        ...   # idempotent: running it twice has the effect of running it once

The scheduler (`manage.py scheduler`) enqueues each due job once per time slot; the worker runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func: Callable[[], object]
    every: timedelta | None = None
    daily_at: time | None = None

    def slot(self, now: datetime) -> datetime:
        """The start of the time slot `now` falls in: the latest scheduled moment at or before `now`."""
        if self.every is not None:
            return EPOCH + ((now - EPOCH) // self.every) * self.every
        assert self.daily_at is not None
        zone = ZoneInfo(settings.TIME_ZONE)
        local = now.astimezone(zone)
        today = datetime.combine(local.date(), self.daily_at, tzinfo=zone)
        moment = today if today <= local else datetime.combine(local.date() - timedelta(days=1), self.daily_at, zone)
        return moment.astimezone(UTC)


_JOBS: dict[str, PeriodicJob] = {}


def periodic_job(
    name: str, *, every: timedelta | None = None, daily_at: time | None = None
) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Register a function as a periodic job, run every `every` or daily at `daily_at` (local time)."""
    if (every is None) == (daily_at is None):
        raise ImproperlyConfigured(f"Periodic job {name}: give exactly one of every= or daily_at=.")
    if every is not None and every < timedelta(minutes=1):
        raise ImproperlyConfigured(f"Periodic job {name}: the scheduler ticks once a minute; every= must be ≥ 1 min.")

    def register(func: Callable[[], object]) -> Callable[[], object]:
        existing = _JOBS.get(name)
        if existing is not None and existing.func.__qualname__ != func.__qualname__:
            raise ImproperlyConfigured(f"Periodic job {name} is registered twice.")
        _JOBS[name] = PeriodicJob(name=name, func=func, every=every, daily_at=daily_at)
        return func

    return register


def jobs() -> list[PeriodicJob]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def get_job(name: str) -> PeriodicJob:
    try:
        return _JOBS[name]
    except KeyError:
        raise ImproperlyConfigured(f"No periodic job named {name}.") from None
