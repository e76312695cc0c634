"""The recurrence arithmetic: RFC 5545 rules checked with a clear message, expanded in local time."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wijkkracht.activities.constants import Repeat
from wijkkracht.activities.recurrence import (
    build_rule,
    describe,
    local_datetime,
    normalise_rule,
    occurrence_dates,
    repeat_of,
)

WED = dt.date(2026, 11, 4)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("", ""),
        ("  ", ""),
        ("FREQ=WEEKLY;BYDAY=WE", "FREQ=WEEKLY;BYDAY=WE"),
        ("rrule:freq=weekly; byday=we;", "FREQ=WEEKLY;BYDAY=WE"),
        ("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231"),
        ("FREQ=WEEKLY;UNTIL=20271231T235959", "FREQ=WEEKLY;UNTIL=20271231"),
        # 23:30 UTC on 31 December is already 1 January in Amsterdam.
        ("FREQ=WEEKLY;UNTIL=20271231T233000Z", "FREQ=WEEKLY;UNTIL=20280101"),
        ("FREQ=WEEKLY;INTERVAL=2;COUNT=10", "FREQ=WEEKLY;INTERVAL=2;COUNT=10"),
    ],
)
def test_a_rule_is_stored_normalised(text, stored):
    assert normalise_rule(text) == stored


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("BYDAY=WE", "FREQ ontbreekt"),
        ("FREQ=HOURLY", "niet vaker dan eens per dag"),
        ("FREQ=MINUTELY;COUNT=5", "niet vaker dan eens per dag"),
        ("FREQ=WEEKLY;BYHOUR=9", "geen BYHOUR"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "niet allebei"),
        ("FREQ=WEEKLY;UNTIL=morgen", "JJJJMMDD"),
        ("FREQ=WEEKLY;BYDAY=XX", "begrijpen we niet"),
        ("FREQ=WEEKLY;INTERVAL=nul", "begrijpen we niet"),
        ("FREQ=WEEKLY;FREQ=DAILY", "twee keer"),
        ("FREQ=WEEKLY;DTSTART=20260101", "kennen we niet"),
        ("elke woensdag", "NAAM=WAARDE"),
    ],
)
def test_an_invalid_rule_gets_a_clear_dutch_message(text, says):
    with pytest.raises(ValidationError) as error:
        normalise_rule(text)
    message = " ".join(error.value.messages)
    assert message.startswith("Deze herhaalregel klopt niet:")
    assert says in message
    assert "FREQ=WEEKLY;BYDAY=WE" in message  # an example of a good one


def test_weekly_occurrences_stop_at_until_inclusive():
    dates = occurrence_dates(
        starts_on=WED,
        start_time=dt.time(19, 30),
        rule="FREQ=WEEKLY;BYDAY=WE;UNTIL=20261125",
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 12, 31),
    )
    assert dates == [dt.date(2026, 11, 4), dt.date(2026, 11, 11), dt.date(2026, 11, 18), dt.date(2026, 11, 25)]


def test_occurrences_are_limited_to_the_window_and_counted_from_the_first_date():
    rule = "FREQ=WEEKLY;COUNT=3"
    window = {"starts_on": WED, "start_time": dt.time(10), "rule": rule}
    assert occurrence_dates(**window, start=dt.date(2026, 11, 10), end=dt.date(2027, 1, 1)) == [
        dt.date(2026, 11, 11),
        dt.date(2026, 11, 18),
    ]
    assert occurrence_dates(**window, start=dt.date(2026, 12, 1), end=dt.date(2026, 11, 1)) == []


def test_a_one_off_activity_has_one_date():
    common = {"starts_on": WED, "start_time": dt.time(10), "rule": ""}
    assert occurrence_dates(**common, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30)) == [WED]
    assert occurrence_dates(**common, start=dt.date(2026, 11, 5), end=dt.date(2026, 11, 30)) == []


def test_the_last_friday_of_the_month():
    dates = occurrence_dates(
        starts_on=dt.date(2026, 11, 27),
        start_time=dt.time(20),
        rule="FREQ=MONTHLY;BYDAY=-1FR",
        start=dt.date(2026, 11, 1),
        end=dt.date(2027, 2, 28),
    )
    assert dates == [dt.date(2026, 11, 27), dt.date(2026, 12, 25), dt.date(2027, 1, 29), dt.date(2027, 2, 26)]


def test_local_time_stays_the_same_across_the_clock_change():
    # Summer time ends on 25 October 2026: 19:30 in Amsterdam is 17:30 UTC before and 18:30 UTC after.
    before, after = (
        local_datetime(dt.date(2026, 10, 21), dt.time(19, 30)),
        local_datetime(dt.date(2026, 10, 28), dt.time(19, 30)),
    )
    assert before.astimezone(dt.UTC).time() == dt.time(17, 30)
    assert after.astimezone(dt.UTC).time() == dt.time(18, 30)


@pytest.mark.parametrize(
    ("repeat", "starts_on", "until", "rule"),
    [
        (Repeat.ONCE, WED, None, ""),
        (Repeat.WEEKLY, WED, None, "FREQ=WEEKLY;BYDAY=WE"),
        (Repeat.BIWEEKLY, WED, dt.date(2027, 6, 30), "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270630"),
        (Repeat.MONTHLY, dt.date(2026, 11, 11), None, "FREQ=MONTHLY;BYDAY=+2WE"),
        (Repeat.MONTHLY, dt.date(2026, 12, 30), None, "FREQ=MONTHLY;BYDAY=-1WE"),
    ],
)
def test_the_simple_choices_build_a_rule_and_are_recognised_again(repeat, starts_on, until, rule):
    assert build_rule(repeat, starts_on=starts_on, until=until) == rule
    assert repeat_of(rule, starts_on=starts_on) == (repeat, until)


def test_any_other_rule_is_custom():
    assert repeat_of("FREQ=DAILY;COUNT=5", starts_on=WED) == (Repeat.CUSTOM, None)
    assert build_rule(Repeat.CUSTOM, starts_on=WED, custom="freq=daily;count=5") == "FREQ=DAILY;COUNT=5"


def test_the_schedule_in_plain_words():
    assert describe("FREQ=WEEKLY;BYDAY=WE", starts_on=WED) == "elke week op woensdag"
    assert describe("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270630", starts_on=WED) == (
        "om de week op woensdag tot en met 30 juni 2027"
    )
    assert describe("", starts_on=WED) == "eenmalig op woensdag 4 november 2026"
