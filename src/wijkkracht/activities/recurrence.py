"""Recurring schedules as RFC 5545 recurrence rules (RRULE), checked and expanded with python-dateutil.

An activity keeps its rule as the RRULE value without the "RRULE:" prefix, normalised: parts in upper case and
UNTIL as a local date (YYYYMMDD, the last day on which it may take place). An empty rule means "once". Dates
are local (Europe/Amsterdam): an activity at 19:30 is at 19:30 in summer and in winter. Exceptions (dates on
which it does not take place) are kept beside the rule and become EXDATEs in the calendar feeds.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .constants import ALLOWED_FREQUENCIES, MAX_OCCURRENCES, Repeat

KNOWN_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "BYWEEKNO",
    "BYYEARDAY",
    "WKST",
}
TIME_PARTS = {"BYHOUR", "BYMINUTE", "BYSECOND"}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EXAMPLE = "FREQ=WEEKLY;BYDAY=WE"


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_datetime(day: dt.date, at: dt.time) -> dt.datetime:
    """The aware moment of a local date and time (Europe/Amsterdam)."""
    return dt.datetime.combine(day, at, tzinfo=zone())


def _refuse(message: str) -> ValidationError:
    return ValidationError(
        _("Deze herhaalregel klopt niet: %(reason)s Een voorbeeld: %(example)s (elke woensdag).")
        % {"reason": message, "example": EXAMPLE},
        code="rrule",
    )


def _until_date(value: str) -> dt.date:
    """UNTIL as a local date: YYYYMMDD, YYYYMMDDTHHMMSS (local) or YYYYMMDDTHHMMSSZ (UTC)."""
    value = value.strip()
    try:
        if len(value) == 8:
            return dt.datetime.strptime(value, "%Y%m%d").date()
        if len(value) == 15:
            return dt.datetime.strptime(value, "%Y%m%dT%H%M%S").date()
        if len(value) == 16 and value.endswith("Z"):
            moment = dt.datetime.strptime(value[:-1], "%Y%m%dT%H%M%S").replace(tzinfo=dt.UTC)
            return moment.astimezone(zone()).date()
    except ValueError:
        pass
    raise _refuse(_("de einddatum (UNTIL) schrijft u als JJJJMMDD, bijvoorbeeld 20271231."))


def normalise_rule(text: str) -> str:
    """The rule in its stored form, or "" for none. Raises ValidationError with a clear Dutch message."""
    text = "".join((text or "").split()).upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:") :]
    text = text.strip(";")
    if not text:
        return ""
    parts: dict[str, str] = {}
    for piece in text.split(";"):
        key, sep, value = piece.partition("=")
        if not sep or not key or not value:
            raise _refuse(_("elk deel heeft de vorm NAAM=WAARDE, gescheiden door puntkomma's."))
        if key in TIME_PARTS:
            raise _refuse(_("de tijd kiest u bij begin- en eindtijd, niet in de regel (geen BYHOUR of BYMINUTE)."))
        if key not in KNOWN_PARTS:
            raise _refuse(_("%(part)s kennen we niet.") % {"part": key})
        if key in parts:
            raise _refuse(_("%(part)s staat er twee keer in.") % {"part": key})
        parts[key] = value
    if "FREQ" not in parts:
        raise _refuse(_("FREQ ontbreekt (hoe vaak: DAILY, WEEKLY, MONTHLY of YEARLY)."))
    if parts["FREQ"] not in ALLOWED_FREQUENCIES:
        raise _refuse(_("FREQ is DAILY, WEEKLY, MONTHLY of YEARLY (niet vaker dan eens per dag)."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise _refuse(_("gebruik COUNT (aantal keren) of UNTIL (tot en met), niet allebei."))
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_date(parts["UNTIL"]).strftime("%Y%m%d")
    rule = ";".join(f"{key}={value}" for key, value in parts.items())
    try:
        _rrule(rule, dt.datetime(2000, 1, 3, 12, 0))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise _refuse(_("een van de waarden begrijpen we niet.")) from exc
    return rule


def _rrule(rule: str, dtstart: dt.datetime):
    """dateutil's rrule over naive local datetimes (UNTIL: the end of that local day)."""
    parts = dict(piece.split("=", 1) for piece in rule.split(";"))
    if "UNTIL" in parts:
        parts["UNTIL"] = parts["UNTIL"] + "T235959"
    return rrulestr("RRULE:" + ";".join(f"{k}={v}" for k, v in parts.items()), dtstart=dtstart)


def rule_until(rule: str) -> dt.date | None:
    for piece in rule.split(";") if rule else ():
        key, _sep, value = piece.partition("=")
        if key == "UNTIL":
            return dt.datetime.strptime(value, "%Y%m%d").date()
    return None


def occurrence_dates(
    *, starts_on: dt.date, start_time: dt.time, rule: str, start: dt.date, end: dt.date
) -> list[dt.date]:
    """The local dates in [start, end] on which the schedule falls (exceptions not removed), at most
    MAX_OCCURRENCES."""
    if end < start:
        return []
    if not rule:
        return [starts_on] if start <= starts_on <= end else []
    dates: list[dt.date] = []
    first = dt.datetime.combine(starts_on, start_time)
    for moment in _rrule(rule, first).xafter(dt.datetime.combine(start, dt.time.min), inc=True):
        if moment.date() > end:
            break
        dates.append(moment.date())
        if len(dates) >= MAX_OCCURRENCES:
            break
    return dates


def first_occurrence(*, starts_on: dt.date, start_time: dt.time, rule: str) -> dt.date | None:
    found = occurrence_dates(
        starts_on=starts_on, start_time=start_time, rule=rule, start=starts_on, end=starts_on + dt.timedelta(days=3660)
    )
    return found[0] if found else None


# --- the simple choices on the form ------------------------------------------------------------------------


def _nth_weekday(day: dt.date) -> str:
    """BYDAY for "the same weekday of the month": +2WE, or -1WE for the last one in the month."""
    n = (day.day - 1) // 7 + 1
    return f"{'-1' if n == 5 else f'+{n}'}{WEEKDAYS[day.weekday()]}"


def build_rule(repeat: str, *, starts_on: dt.date, until: dt.date | None = None, custom: str = "") -> str:
    """The stored rule for a choice on the form (Repeat); CUSTOM takes the typed rule."""
    if repeat == Repeat.ONCE:
        return ""
    if repeat == Repeat.CUSTOM:
        return normalise_rule(custom)
    day = WEEKDAYS[starts_on.weekday()]
    rule = {
        Repeat.WEEKLY: f"FREQ=WEEKLY;BYDAY={day}",
        Repeat.BIWEEKLY: f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}",
        Repeat.MONTHLY: f"FREQ=MONTHLY;BYDAY={_nth_weekday(starts_on)}",
    }[Repeat(repeat)]
    if until is not None:
        rule += f";UNTIL={until:%Y%m%d}"
    return normalise_rule(rule)


def repeat_of(rule: str, *, starts_on: dt.date) -> tuple[str, dt.date | None]:
    """The form's choice and end date for a stored rule (CUSTOM when it is not one of the simple ones)."""
    if not rule:
        return Repeat.ONCE, None
    until = rule_until(rule)
    for repeat in (Repeat.WEEKLY, Repeat.BIWEEKLY, Repeat.MONTHLY):
        if build_rule(repeat, starts_on=starts_on, until=until) == rule:
            return repeat, until
    return Repeat.CUSTOM, None


def describe(rule: str, *, starts_on: dt.date) -> str:
    """The schedule in plain words for residents ("elke week op woensdag")."""
    from django.utils.formats import date_format

    repeat, until = repeat_of(rule, starts_on=starts_on)
    weekday = date_format(starts_on, "l")
    text = {
        Repeat.ONCE: _("eenmalig op %(date)s") % {"date": date_format(starts_on, "l j F Y")},
        Repeat.WEEKLY: _("elke week op %(weekday)s") % {"weekday": weekday},
        Repeat.BIWEEKLY: _("om de week op %(weekday)s") % {"weekday": weekday},
        Repeat.MONTHLY: _("elke maand op een %(weekday)s") % {"weekday": weekday},
        Repeat.CUSTOM: _("volgens een vast schema"),
    }[Repeat(repeat)]
    if until is not None:
        text += " " + _("tot en met %(date)s") % {"date": date_format(until, "j F Y")}
    return text
