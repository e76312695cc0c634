"""Recruitment and retention figures (counts only): new volunteers per month, applied → active conversion, and
retention after 6 and 12 months per intake cohort (the quarter they became active), each by age band with the
policy band 15–55 first. Three grouped queries whatever the number of volunteers; counts under SUPPRESS_BELOW
are shown as "fewer than 5".

Retained after N months: became active at least N months ago and did not stop within N months of that day
(`stopped_on - activated_on`). The age band is the age reached this year (only the birth year is known)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, DurationField, ExpressionWrapper, F, Q, Value, When
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils.translation import gettext_lazy as _

SUPPRESS_BELOW = 5
MONTHS = 24
BANDS = (
    ("15_55", _("15 tot 55 jaar")),
    ("55_plus", _("55 jaar en ouder")),
    ("under_15", _("jonger dan 15")),
    ("unknown", _("leeftijd onbekend")),
)
SIX, TWELVE = datetime.timedelta(days=182), datetime.timedelta(days=365)


def suppress(n: int | None) -> int | None:
    return None if n is not None and 0 < n < SUPPRESS_BELOW else n


def percent(part: int, whole: int) -> float | None:
    if whole < SUPPRESS_BELOW:
        return None
    return round(100 * part / whole, 1)


def _band(today: datetime.date):
    """The age band as a database expression over the birth year (age reached this year)."""
    year = today.year
    return Case(
        When(person__birth_year__isnull=True, then=Value("unknown")),
        When(person__birth_year__gt=year - 15, then=Value("under_15")),
        When(person__birth_year__gt=year - 55, then=Value("15_55")),
        default=Value("55_plus"),
    )


@dataclass
class Figures:
    months: list[dict] = field(default_factory=list)  # {month, total, by band...}
    conversion: list[dict] = field(default_factory=list)  # {band, label, registered, active, percent}
    cohorts: list[dict] = field(default_factory=list)  # {quarter, band, label, started, r6, p6, r12, p12}
    chart_max: int = 0


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def figures(volunteers, *, today: datetime.date) -> Figures:
    """The figures for the `volunteers` QuerySet (already narrowed by the policy)."""
    labels = dict(BANDS)
    order = {key: i for i, (key, _label) in enumerate(BANDS)}
    base = volunteers.order_by().annotate(band=_band(today))
    first = _add_months(today.replace(day=1), -(MONTHS - 1))

    # 1. New volunteers per month (registered), the last MONTHS months.
    per_month: dict[datetime.date, dict[str, int]] = {}
    for month, band, n in (
        base.filter(registered_at__date__gte=first)
        .annotate(month=TruncMonth("registered_at"))
        .values_list("month", "band")
        .annotate(n=Count("pk"))
    ):
        day = month.date() if isinstance(month, datetime.datetime) else month
        per_month.setdefault(day, {})[band] = n
    result = Figures()
    for i in range(MONTHS):
        month = _add_months(first, i)
        counts = per_month.get(month, {})
        total = sum(counts.values())
        result.months.append(
            {"month": month, "total": suppress(total), "policy": suppress(counts.get("15_55", 0)), "raw": total}
        )
    result.chart_max = max((m["raw"] for m in result.months), default=0)

    # 2. Applied → active: of everyone who signed up, how many ever became active.
    for band, registered, active in base.values_list("band").annotate(
        n=Count("pk"), active=Count("pk", filter=Q(activated_on__isnull=False))
    ):
        result.conversion.append(
            {
                "band": band,
                "label": labels[band],
                "registered": suppress(registered),
                "active": suppress(active),
                "percent": percent(active, registered),
            }
        )
    result.conversion.sort(key=lambda row: order[row["band"]])

    # 3. Retention per intake cohort (quarter of becoming active).
    lasted = ExpressionWrapper(F("stopped_on") - F("activated_on"), output_field=DurationField())
    kept = Q(stopped_on__isnull=True)
    six_ago, twelve_ago = today - SIX, today - TWELVE
    rows = (
        base.filter(activated_on__isnull=False)
        .annotate(quarter=TruncQuarter("activated_on"), lasted=lasted)
        .values_list("quarter", "band")
        .annotate(
            started=Count("pk"),
            due6=Count("pk", filter=Q(activated_on__lte=six_ago)),
            r6=Count("pk", filter=Q(activated_on__lte=six_ago) & (kept | Q(lasted__gte=SIX))),
            due12=Count("pk", filter=Q(activated_on__lte=twelve_ago)),
            r12=Count("pk", filter=Q(activated_on__lte=twelve_ago) & (kept | Q(lasted__gte=TWELVE))),
        )
        .order_by("-quarter")
    )
    for quarter, band, started, due6, r6, due12, r12 in rows:
        day = quarter.date() if isinstance(quarter, datetime.datetime) else quarter
        result.cohorts.append(
            {
                "quarter": f"{day.year} K{(day.month - 1) // 3 + 1}",
                "sort": (-day.toordinal(), order[band]),
                "band": band,
                "label": labels[band],
                "started": suppress(started),
                "p6": percent(r6, due6) if due6 else None,
                "p12": percent(r12, due12) if due12 else None,
                "due6": due6,
                "due12": due12,
            }
        )
    result.cohorts.sort(key=lambda row: row["sort"])
    return result


def chart_rows(months: list[dict], *, width: int = 300) -> list[dict]:
    """Bars for the SVG chart of new volunteers per month (suppressed months draw no bar)."""
    top = max((m["raw"] for m in months), default=0) or 1
    rows = []
    for i, m in enumerate(months):
        shown = m["total"]
        rows.append(
            {
                "y": i * 22,
                "label": m["month"],
                "value": shown,
                "width": 0 if shown is None else round(width * shown / top),
            }
        )
    return rows


_KEPT: dict[tuple, Figures] = {}
_KEPT_SIZE = 64


def kept_figures(volunteers, *, today: datetime.date) -> Figures:
    """`figures`, kept per viewer (the SQL of `volunteers` names their areas) and day until anything about the
    volunteers changes (the suggestions' one-query version: every service write touches a volunteer's
    `updated_at`; a ten-minute backstop for the rest)."""
    from .suggestions import _version

    key = (str(volunteers.query), today, _version())
    found = _KEPT.get(key)
    if found is None:
        found = figures(volunteers, today=today)
        if len(_KEPT) >= _KEPT_SIZE:
            _KEPT.clear()
        _KEPT[key] = found
    return found


def clear_kept() -> None:
    _KEPT.clear()


__all__ = [
    "BANDS",
    "SUPPRESS_BELOW",
    "Figures",
    "chart_rows",
    "clear_kept",
    "figures",
    "kept_figures",
    "percent",
    "suppress",
]
