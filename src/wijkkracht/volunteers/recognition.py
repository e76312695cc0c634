"""Recognition milestones: years of service (from the first day as an active volunteer) and approved hours
given (the day the total passed the mark). The daily job (services.recognition_update) records what is new;
the professional's yearly appreciation list and the volunteer's own page show them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from .constants import MILESTONES, HoursStatus, MilestoneKind, VolunteerStatus
from .models import HoursEntry, Recognition, Volunteer
from .query import add_years


def due(today: datetime.date) -> list[Recognition]:
    """Milestones reached on or before today that are not recorded yet (unsaved rows)."""
    have = defaultdict(set)
    for pk, kind, value in Recognition.objects.values_list("volunteer_id", "kind", "value"):
        have[pk].add((kind, value))
    found: list[Recognition] = []
    current = Volunteer.objects.exclude(status=VolunteerStatus.STOPPED).filter(activated_on__isnull=False)
    for pk, since in current.values_list("pk", "activated_on"):
        for years in MILESTONES[MilestoneKind.YEARS]:
            day = add_years(since, years)
            if day > today:
                break
            if (MilestoneKind.YEARS, years) not in have[pk]:
                found.append(Recognition(volunteer_id=pk, kind=MilestoneKind.YEARS, value=years, reached_on=day))
    approved = HoursEntry.objects.filter(status=HoursStatus.APPROVED, date__lte=today)
    totals = dict(approved.order_by().values("volunteer_id").annotate(t=Sum("hours")).values_list("volunteer_id", "t"))
    marks = MILESTONES[MilestoneKind.HOURS]
    wanted = {
        pk: [m for m in marks if m <= total and (MilestoneKind.HOURS, m) not in have[pk]]
        for pk, total in totals.items()
    }
    wanted = {pk: ms for pk, ms in wanted.items() if ms}
    if wanted:
        running: dict[int, Decimal] = defaultdict(Decimal)
        pending = {pk: list(ms) for pk, ms in wanted.items()}
        rows = approved.filter(volunteer_id__in=list(wanted)).order_by("volunteer_id", "date", "pk")
        for pk, day, hours in rows.values_list("volunteer_id", "date", "hours"):
            running[pk] += hours
            while pending[pk] and running[pk] >= pending[pk][0]:
                value = pending[pk].pop(0)
                found.append(Recognition(volunteer_id=pk, kind=MilestoneKind.HOURS, value=value, reached_on=day))
    return found
