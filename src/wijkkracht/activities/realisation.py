"""Plan realisation: the councils' plan goals that declare a counted measure are filled in from centre life.

Registered in councils.query.REALISATION_COUNTERS when the app starts (apps.ready). A goal that no activity is
linked to keeps the council's own count. A linked goal counts the sessions
of the activities linked to it (Activity.plan_goals) that took place (not called off, already begun) in the
plan's year:
- `activities_total`: that number;
- `activities_per_month`: that number divided by the months of the plan year so far (all twelve once the year
  is over), rounded down.
- `residents_reached`: the different people checked in by name at those sessions in the plan's year whose age
  (plan year minus birth year) falls in one of the goal's target groups ("all": everyone, also without a known
  birth year). A person with an account counts once; someone written down at the door once per name and year;
- `visits`: the head counts (turven) of those sessions plus the named check-ins: visits, not people."""

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


AGE_RANGES = {
    "0_15": (0, 14),
    "15_25": (15, 24),
    "25_45": (25, 44),
    "45_65": (45, 64),
    "65_plus": (65, 200),
    "15_55": (15, 54),
}


def _in_groups(age: int | None, groups: list[str]) -> bool:
    if "all" in groups:
        return True
    if age is None:
        return False
    return any(low <= age <= high for low, high in (AGE_RANGES[g] for g in groups if g in AGE_RANGES))


def count_residents_reached(goals: list) -> dict[int, int]:
    from .models import Attendance

    rows = Attendance.objects.filter(
        session__activity__plan_goals__in=[g.pk for g in goals],
        session__status=SessionStatus.SCHEDULED,
        session__date__year=F("session__activity__plan_goals__plan__year"),
    ).values_list("session__activity__plan_goals", "person_id", "name", "birth_year")
    people: dict[int, set] = {}
    for goal_id, person_id, name, birth_year in rows.distinct():
        key = ("p", person_id) if person_id is not None else ("n", name.casefold(), birth_year)
        people.setdefault(goal_id, {}).setdefault(key, birth_year)
    result = {}
    for goal in goals:
        year = goal.plan.year
        found = people.get(goal.pk, {})
        result[goal.pk] = sum(
            1
            for birth_year in found.values()
            if _in_groups(year - birth_year if birth_year else None, goal.target_groups)
        )
    return result


def count_visits(goals: list) -> dict[int, int]:
    from django.db.models import Sum

    from .models import Attendance, HeadCount

    where = {
        "session__activity__plan_goals__in": [g.pk for g in goals],
        "session__status": SessionStatus.SCHEDULED,
        "session__date__year": F("session__activity__plan_goals__plan__year"),
    }
    visits: dict[int, int] = {}
    for row in (
        HeadCount.objects.filter(**where)
        .values("session__activity__plan_goals")
        .annotate(n=Sum(F("new") + F("returning")))
    ):
        visits[row["session__activity__plan_goals"]] = row["n"] or 0
    for row in Attendance.objects.filter(**where).values("session__activity__plan_goals").annotate(n=Count("pk")):
        key = row["session__activity__plan_goals"]
        visits[key] = visits.get(key, 0) + row["n"]
    return {goal.pk: visits.get(goal.pk, 0) for goal in goals}


def only_linked(counter):
    """A goal no activity is linked to keeps the council's own count: the counter answers only for goals with
    at least one linked activity (one query)."""

    def count(goals: list) -> dict[int, int]:
        from .models import Activity

        linked = set(
            Activity.plan_goals.through.objects.filter(plangoal_id__in=[g.pk for g in goals]).values_list(
                "plangoal_id", flat=True
            )
        )
        chosen = [g for g in goals if g.pk in linked]
        return counter(chosen) if chosen else {}

    return count


def register() -> None:
    from wijkkracht.councils.constants import Measure
    from wijkkracht.councils.query import REALISATION_COUNTERS

    REALISATION_COUNTERS[Measure.ACTIVITIES_TOTAL] = only_linked(count_activities_total)
    REALISATION_COUNTERS[Measure.ACTIVITIES_PER_MONTH] = only_linked(count_activities_per_month)
    REALISATION_COUNTERS[Measure.RESIDENTS_REACHED] = only_linked(count_residents_reached)
    REALISATION_COUNTERS[Measure.VISITS] = only_linked(count_visits)
