"""Who needs attention today: the rules of the daily retention job (services.retention_update writes them).

Each rule returns {volunteer id: detail}; a detail is a plain value (a date, hours), never words, so the page
shows it in the reader's language.
- quiet: active, a volunteer for more than QUIET_DAYS, and no hours written in the last QUIET_DAYS;
- dropping: the last DROP_WINDOW_DAYS have less than half of the monthly average of the DROP_HISTORY_DAYS
  before (which is at least 2 hours a month);
- over_max: more hours in the last 7 days than their own maximum per week;
- vog_lapsing: a VOG that lapses within VOG_REMIND_DAYS and no newer one;
- pause_ending: a pause that ends within PAUSE_ENDING_DAYS.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, Q, Sum

from .constants import (
    DROP_HISTORY_DAYS,
    DROP_WINDOW_DAYS,
    PAUSE_ENDING_DAYS,
    QUIET_DAYS,
    VOG_REMIND_DAYS,
    AttentionReason,
    CertificateKind,
    HoursStatus,
    VolunteerStatus,
)
from .models import Certificate, Volunteer
from .query import valid_until

R = AttentionReason


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _plain(hours: Decimal | None) -> str:
    """2.50 -> "2.5", 6.00 -> "6"."""
    return format((hours or Decimal("0")).normalize(), "f")


def needs_attention(today: datetime.date) -> dict[tuple[int, str], str]:
    """{(volunteer id, reason): detail} for every volunteer who needs attention today."""
    found: dict[tuple[int, str], str] = {}
    counted = ~Q(hours__status=HoursStatus.DECLINED)
    window, history = today - _days(DROP_WINDOW_DAYS), today - _days(DROP_WINDOW_DAYS + DROP_HISTORY_DAYS)
    active = Volunteer.objects.filter(status=VolunteerStatus.ACTIVE).annotate(
        last=Max("hours__date", filter=counted),
        recent=Sum("hours__hours", filter=counted & Q(hours__date__gt=window, hours__date__lte=today)),
        before=Sum("hours__hours", filter=counted & Q(hours__date__gt=history, hours__date__lte=window)),
        week=Sum("hours__hours", filter=counted & Q(hours__date__gt=today - _days(7), hours__date__lte=today)),
    )
    quiet_since = today - _days(QUIET_DAYS)
    for pk, registered, last, recent, before, week, maximum in active.values_list(
        "pk", "registered_at", "last", "recent", "before", "week", "max_hours_per_week"
    ):
        if registered.date() < quiet_since and (last is None or last <= quiet_since):
            found[(pk, R.QUIET)] = last.isoformat() if last else ""
        monthly = (before or Decimal("0")) * DROP_WINDOW_DAYS / DROP_HISTORY_DAYS
        if monthly >= 2 and (recent or Decimal("0")) < monthly / 2:
            found[(pk, R.DROPPING)] = f"{_plain(recent)}/{monthly:.1f}"
        if (week or 0) > maximum:
            found[(pk, R.OVER_MAX)] = f"{_plain(week)}/{maximum}"
    newer = Certificate.objects.filter(
        volunteer_id=OuterRef("volunteer_id"), kind=CertificateKind.VOG, issued_on__gt=OuterRef("issued_on")
    )
    lapsing = (
        Certificate.objects.lapsing_within(today, VOG_REMIND_DAYS)
        .exclude(volunteer__status=VolunteerStatus.STOPPED)
        .exclude(Exists(newer))
        .values_list("volunteer_id", "issued_on")
    )
    for pk, issued in lapsing:
        found[(pk, R.VOG_LAPSING)] = valid_until(issued).isoformat()
    ending = Volunteer.objects.filter(
        status=VolunteerStatus.PAUSED, paused_until__lte=today + _days(PAUSE_ENDING_DAYS)
    ).values_list("pk", "paused_until")
    for pk, until in ending:
        found[(pk, R.PAUSE_ENDING)] = until.isoformat()
    return found
