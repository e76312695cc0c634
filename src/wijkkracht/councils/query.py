"""The read side of councils: typed QuerySets with domain verbs. No access decisions here (see permissions.py)."""

from __future__ import annotations

import datetime
from typing import Any, Self

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .constants import ASSIGNMENT_OPEN, MeetingStatus, MemberStatus, PlanStatus


class CouncilQuerySet(models.QuerySet):
    def in_district(self, district) -> Self:
        return self.filter(district=district)

    def for_page(self) -> Self:
        """With the district's tailoring (a reverse one-to-one: None when the district has none)."""
        return self.select_related("district__council_tailoring", "centre", "organisation")


class CouncilMemberQuerySet(models.QuerySet):
    def seated(self, on: datetime.date | None = None) -> Self:
        """Confirmed members whose term runs on `on` (default today)."""
        on = on or timezone.localdate()
        return self.filter(status=MemberStatus.CONFIRMED, term_start__lte=on).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=on)
        )

    def proposed(self) -> Self:
        return self.filter(status=MemberStatus.PROPOSED)

    def of_user(self, user) -> Self:
        return self.filter(person__user=user)


class PlanQuerySet(models.QuerySet):
    def current_for(self, council, year: int | None = None) -> Self:
        """The plan of this year, or else the latest one."""
        return self.filter(council=council).order_by(
            models.Case(models.When(year=year or timezone.localdate().year, then=0), default=1), "-year"
        )

    def published(self) -> Self:
        """Plans the public may read: approved and later."""
        return self.exclude(status__in=[PlanStatus.DRAFT, PlanStatus.SUBMITTED])

    def not_evaluated_after(self, year: int) -> Self:
        return self.filter(year__lt=year).exclude(status=PlanStatus.EVALUATED)


class AssignmentQuerySet(models.QuerySet):
    def open(self) -> Self:
        return self.filter(status__in=ASSIGNMENT_OPEN)

    def for_professional(self, user) -> Self:
        return self.filter(professional=user)

    def overdue(self, on: datetime.date | None = None) -> Self:
        return self.open().filter(due_on__lt=on or timezone.localdate())


class MeetingQuerySet(models.QuerySet):
    def of_council(self, council) -> Self:
        return self.filter(council=council)

    def coming(self, now: datetime.datetime | None = None) -> Self:
        """Planned meetings that have not started yet, soonest first."""
        return self.filter(status=MeetingStatus.PLANNED, starts_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now: datetime.datetime | None = None) -> Self:
        return self.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at")

    def published(self) -> Self:
        return self.filter(status=MeetingStatus.PUBLISHED)

    def starting_between(self, start: datetime.datetime, end: datetime.datetime) -> Self:
        return self.filter(status=MeetingStatus.PLANNED, starts_at__gte=start, starts_at__lt=end)

    def for_page(self) -> Self:
        return self.select_related("council__district", "council__centre", "centre")


class DecisionQuerySet(models.QuerySet):
    def published(self) -> Self:
        """Decisions of meetings whose minutes are published: these are public."""
        return self.filter(meeting__status=MeetingStatus.PUBLISHED)

    def of_council(self, council) -> Self:
        return self.filter(meeting__council=council)


def seated_positions(user, council_id: int) -> frozenset[str]:
    """The positions `user` holds today on the council (one query, cached on the user for the request)."""
    cache = getattr(user, "_wk_council_positions", None)
    if cache is None:
        from .models import CouncilMember

        cache = {}
        if getattr(user, "is_authenticated", False):
            for council, position in CouncilMember.objects.of_user(user).seated().values_list("council_id", "position"):
                cache.setdefault(council, set()).add(position)
        user._wk_council_positions = cache
    return frozenset(cache.get(council_id, ()))


def serving_professionals(council):
    """Active accounts of professionals who serve the council today (its centre, its whole district, or for a
    council of a whole district any centre in it). Names only are shown; employment stays with the employer."""
    from wijkkracht.accounts.constants import Role
    from wijkkracht.accounts.models import Membership, User

    where = Q(district_id=council.district_id)
    where |= Q(centre_id=council.centre_id) if council.centre_id else Q(centre__district_id=council.district_id)
    memberships = Membership.objects.active().with_role(Role.PROFESSIONAL).filter(where)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("display_name", "pk")


# How a goal's realisation is counted: the activities capability registers a counter per Measure here
# (`REALISATION_COUNTERS[Measure.RESIDENTS_REACHED] = count(goals) -> {goal_pk: int}`). Until then, and for
# Measure.MANUAL, the council's own count (PlanGoal.realised_manual) is shown.
REALISATION_COUNTERS: dict = {}


def attach_realisation(goals: list) -> list:
    """Give each goal `realised` (int or None), `realised_source` ("counted"/"manual") and `percent` (0–100,
    for the bar). One call per registered counter, whatever the number of goals."""
    by_measure: dict[str, list] = {}
    for goal in goals:
        by_measure.setdefault(goal.measure, []).append(goal)
    counted: dict[int, int] = {}
    for measure, group in by_measure.items():
        counter = REALISATION_COUNTERS.get(measure)
        if counter is not None:
            counted.update(counter(group))
    for goal in goals:
        if goal.pk in counted:
            goal.realised, goal.realised_source = counted[goal.pk], "counted"
        else:
            goal.realised, goal.realised_source = goal.realised_manual, "manual"
        goal.percent = min(100, round(100 * goal.realised / goal.target_value)) if goal.realised is not None else 0
    return goals


def overview(municipality_ids, *, today: datetime.date | None = None) -> list[dict]:
    """Per district of these municipalities: councils, seated members, this year's plans by state, meetings
    held in the last twelve months (and with published minutes), assignments open, overdue and done this year.
    Seven grouped queries, whatever the number of districts or councils."""
    from wijkkracht.places.models import District

    from .models import Assignment, Council, CouncilMember, Meeting, Plan

    today = today or timezone.localdate()
    now = timezone.now()
    districts = list(District.objects.filter(municipality_id__in=municipality_ids).order_by("name"))
    rows: dict[int, dict[str, Any]] = {
        d.pk: {
            "district": d,
            "councils": 0,
            "seats": 0,
            "plans": {},
            "meetings": 0,
            "published": 0,
            "open": 0,
            "overdue": 0,
            "done": 0,
        }
        for d in districts
    }

    def grouped(qs, key: str, **aggregates):
        return qs.filter(**{f"{key}__in": rows}).values(key).annotate(**aggregates).order_by()

    for r in grouped(Council.objects.all(), "district_id", n=models.Count("pk")):
        rows[r["district_id"]]["councils"] = r["n"]
    for r in grouped(CouncilMember.objects.seated(today), "council__district_id", n=models.Count("pk")):
        rows[r["council__district_id"]]["seats"] = r["n"]
    plans = Plan.objects.filter(year=today.year, council__district_id__in=rows)
    for r in plans.values("council__district_id", "status").annotate(n=models.Count("pk")).order_by():
        rows[r["council__district_id"]]["plans"][r["status"]] = r["n"]
    held = Meeting.objects.filter(starts_at__lt=now, starts_at__gte=now - datetime.timedelta(days=365)).exclude(
        status=MeetingStatus.CANCELLED
    )
    for r in grouped(
        held,
        "council__district_id",
        n=models.Count("pk"),
        published=models.Count("pk", filter=Q(status=MeetingStatus.PUBLISHED)),
    ):
        rows[r["council__district_id"]] |= {"meetings": r["n"], "published": r["published"]}
    for r in grouped(
        Assignment.objects.all(),
        "council__district_id",
        open=models.Count("pk", filter=Q(status__in=ASSIGNMENT_OPEN)),
        overdue=models.Count("pk", filter=Q(status__in=ASSIGNMENT_OPEN, due_on__lt=today)),
        done=models.Count("pk", filter=Q(status="done", updated_at__year=today.year)),
    ):
        rows[r["council__district_id"]] |= {k: r[k] for k in ("open", "overdue", "done")}
    return list(rows.values())


class TemplateGoalQuerySet(models.QuerySet):
    def of_district(self, district) -> Self:
        return self.filter(district=district).order_by("order", "pk")


class Tools:
    """What a district uses of the council's tools (tailoring); all of them without a DistrictTailoring row."""

    def __init__(self, tailoring=None) -> None:
        self.meetings = tailoring.uses_meetings if tailoring is not None else True
        self.plans = tailoring.uses_plans if tailoring is not None else True
        self.assignments = tailoring.uses_assignments if tailoring is not None else True


def tools_of(district) -> Tools:
    """The district's tools, read from `district.council_tailoring` (loaded by Council.objects.for_page())."""
    try:
        tailoring = district.council_tailoring
    except ObjectDoesNotExist:
        tailoring = None
    return Tools(tailoring)
