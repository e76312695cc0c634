"""Plan realisation: the councils' plan goals that declare a counted measure are filled in from centre life.

Registered in councils.query.REALISATION_COUNTERS when the app starts (apps.ready). A goal counts the sessions
of the activities linked to it (Activity.plan_goals) that took place (not called off, already begun) in the
plan's year:
- `activities_total`: that number;
- `activities_per_month`: that number divided by the months of the plan year so far (all twelve once the year
  is over), rounded down.
Residents reached and visits follow when attendance is recorded (issue 8, slices 5 and 6)."""

from __future__ import annotations

from django.db.models import Count, F
from django.utils import timezone

from .constants import SessionStatus


def _held_sessions(goals: list) -> dict[int, int]:
    from .models import Session

    rows = (
        Session.objects.filter(
            activity__plan_goals__in=[g.pk for g in goals],
            status=SessionStatus.SCHEDULED,
            starts_at__lt=timezone.now(),
            date__year=F("activity__plan_goals__plan__year"),
        )
        .values("activity__plan_goals")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["activity__plan_goals"]: row["n"] for row in rows}


def count_activities_total(goals: list) -> dict[int, int]:
    held = _held_sessions(goals)
    return {goal.pk: held.get(goal.pk, 0) for goal in goals}


def _months_so_far(year: int) -> int:
    today = timezone.localdate()
    if year < today.year:
        return 12
    if year > today.year:
        return 1
    return today.month


def count_activities_per_month(goals: list) -> dict[int, int]:
    held = _held_sessions(goals)
    return {goal.pk: held.get(goal.pk, 0) // _months_so_far(goal.plan.year) for goal in goals}


def register() -> None:
    from wijkkracht.councils.constants import Measure
    from wijkkracht.councils.query import REALISATION_COUNTERS

    REALISATION_COUNTERS[Measure.ACTIVITIES_TOTAL] = count_activities_total
    REALISATION_COUNTERS[Measure.ACTIVITIES_PER_MONTH] = count_activities_per_month
