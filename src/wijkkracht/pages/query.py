from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, Count, F, Q, StringAgg, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone

from .models import SiteInformation

# Separators inside the aggregated hours: control characters, which no centre name may hold (validate_name).
_FIELD, _ROW = "\x1f", "\x1e"
_HOURS = "municipality__districts__centres__opening_hours"


@dataclass(frozen=True)
class OpenToday:
    """A centre open today and when, for the footer: Villa Randwijck, ("09.00–12.00", "13.00–17.00")."""

    name: str
    url: str
    hours: tuple[str, ...]


def site_information() -> SiteInformation | None:
    """The site information of the municipality this site serves (WIJKKRACHT_MUNICIPALITY), or None."""
    return (
        SiteInformation.objects.select_related("municipality")
        .filter(municipality__cbs_code=settings.WIJKKRACHT_MUNICIPALITY)
        .first()
    )


def _hhmm(value: str) -> str:
    """'09:30:00' (the database's text for a time) -> '09.30', as the contact page writes times."""
    return value[:5].replace(":", ".")


@dataclass(frozen=True)
class FooterInfo:
    """What the footer of every page says: whom to call and when, when to drop in, which centres are open today
    (`open_today`, by centre name) and whether any centre has opening hours at all (`hours_known`, so "closed
    today" is only said when it is true)."""

    contact_name: str
    contact_phone: str
    contact_phone_hours: str
    contact_visit_hours: str
    operator_name: str
    open_today: list[OpenToday]
    hours_known: bool

    @property
    def phone_href(self) -> str:
        digits = "".join(c for c in self.contact_phone if c.isdigit() or c == "+")
        return f"tel:{digits}"


_FOOTER_FIELDS = ("contact_name", "contact_phone", "contact_phone_hours", "contact_visit_hours", "operator_name")
_footer_sql: dict[tuple[str, str, int], tuple[str, tuple]] = {}


def _footer_query(alias: str, cbs_code: str, weekday: int) -> tuple[str, tuple]:
    """The footer's one query as SQL, compiled once per process (per database, municipality and weekday):
    building this aggregate through the ORM cost more than running it, on every page."""
    key = (alias, cbs_code, weekday)
    if key not in _footer_sql:
        qs = (
            SiteInformation.objects.using(alias)
            .filter(municipality__cbs_code=cbs_code)
            .values_list(*_FOOTER_FIELDS)
            .annotate(
                hours_today=StringAgg(
                    Concat(
                        F("municipality__districts__centres__name"),
                        Value(_FIELD),
                        F("municipality__districts__centres__slug"),
                        Value(_FIELD),
                        Cast(F(f"{_HOURS}__opens"), CharField()),
                        Value(_FIELD),
                        Cast(F(f"{_HOURS}__closes"), CharField()),
                        output_field=CharField(),
                    ),
                    delimiter=Value(_ROW),
                    filter=Q(**{f"{_HOURS}__weekday": weekday}),
                    default=Value(""),
                ),
                hours_count=Count(f"{_HOURS}__id"),
            )
            .order_by()[:1]
        )
        _footer_sql[key] = qs.query.get_compiler(alias).as_sql()
    return _footer_sql[key]


def footer_information(today: dt.date | None = None, *, using: str = DEFAULT_DB_ALIAS) -> FooterInfo | None:
    """The footer's contact lines and the centres open today, in ONE query (the footer is on every page).
    None when the site is not configured."""
    weekday = (today or timezone.localdate()).weekday()
    sql, params = _footer_query(using, str(settings.WIJKKRACHT_MUNICIPALITY), weekday)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    name, phone, phone_hours, visit_hours, operator, hours_today, hours_count = row
    rows = sorted(tuple(r.split(_FIELD)) for r in (hours_today or "").split(_ROW) if r.count(_FIELD) == 3)
    open_today = [
        OpenToday(
            name=name,
            url=reverse("places:centre", args=[slug]),
            hours=tuple(f"{_hhmm(opens)}–{_hhmm(closes)}" for _n, _s, opens, closes in spans),
        )
        for (name, slug), spans in ((key, list(group)) for key, group in groupby(rows, key=lambda r: r[:2]))
    ]
    return FooterInfo(
        contact_name=name,
        contact_phone=phone,
        contact_phone_hours=phone_hours,
        contact_visit_hours=visit_hours,
        operator_name=operator,
        open_today=open_today,
        hours_known=hours_count > 0,
    )
