"""The daily retention job: who needs attention, with a frozen clock; run twice it changes nothing."""

import datetime
from decimal import Decimal

from django.urls import reverse
from freezegun import freeze_time

from tests.volunteers import factories as vf
from wijkkracht.volunteers import jobs
from wijkkracht.volunteers.constants import AttentionReason, HoursStatus, VolunteerStatus
from wijkkracht.volunteers.models import Attention, Volunteer

R = AttentionReason
TODAY = datetime.date(2026, 11, 23)


def _day(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def _volunteer(world, name, **kwargs):
    with freeze_time("2026-01-05 10:00:00+01:00"):  # a volunteer since January
        return vf.VolunteerFactory(person=vf.f.PersonFactory(first_name=name), centres=[world.centre_a], **kwargs)


def _hours(volunteer, days_ago, hours, status=HoursStatus.APPROVED):
    vf.HoursEntryFactory(
        volunteer=volunteer,
        date=_day(days_ago),
        hours=Decimal(hours),
        status=status,
        district=volunteer.centres.get().district,
    )


def _flags() -> list[tuple[str, str, str]]:
    return sorted(Attention.objects.values_list("volunteer__person__first_name", "reason", "detail"))


def test_the_retention_list_flags_each_case_and_a_second_run_changes_nothing(world, client_for):
    quiet = _volunteer(world, "Stil")
    _hours(quiet, 75, "2")
    _hours(quiet, 10, "3", status=HoursStatus.DECLINED)  # declined hours do not count
    dropping = _volunteer(world, "Minder")
    for days in (40, 60, 80, 100):
        _hours(dropping, days, "4")  # 16 hours in the 90 days before: 5.3 a month
    _hours(dropping, 5, "1")
    busy = _volunteer(world, "Druk", max_hours_per_week=4)
    _hours(busy, 1, "3")
    _hours(busy, 3, "3")
    steady = _volunteer(world, "Gewoon")
    _hours(steady, 4, "2")
    lapsing = _volunteer(world, "Vog")
    _hours(lapsing, 2, "1")
    vf.CertificateFactory(volunteer=lapsing, issued_on=datetime.date(2023, 12, 20))
    pausing = _volunteer(world, "Pauze", status=VolunteerStatus.PAUSED, paused_until=_day(-3))
    with freeze_time("2026-11-23 05:30:00+01:00"):
        assert jobs.retention() == 5
        first = list(Attention.objects.order_by("pk").values_list("pk", "since", "detail"))
        assert jobs.retention() == 5  # twice: the same list
        assert list(Attention.objects.order_by("pk").values_list("pk", "since", "detail")) == first
    assert _flags() == [
        ("Druk", R.OVER_MAX, "6/4"),
        ("Minder", R.DROPPING, "1/5.3"),
        ("Pauze", R.PAUSE_ENDING, "2026-11-26"),
        ("Stil", R.QUIET, _day(75).isoformat()),
        ("Vog", R.VOG_LAPSING, "2026-12-19"),
    ]
    assert {a.since for a in Attention.objects.all()} == {TODAY}

    # The quiet volunteer writes hours again: the next morning the flag is gone; the others keep their day.
    _hours(quiet, 0, "2")
    with freeze_time("2026-11-24 05:30:00+01:00"):
        jobs.retention()
    assert "Stil" not in [name for name, *_ in _flags()]
    assert Attention.objects.get(reason=R.VOG_LAPSING).since == TODAY

    page = client_for("professional_a").get(reverse("volunteers:attention"))
    assert "Help met het aanvragen van een nieuwe VOG." in page.text
    assert "VOG geldig tot en met 19 december 2026." in page.text
    assert client_for("professional_b").get(reverse("volunteers:attention")).context["rows"] == []
    assert pausing.pk and steady.pk and Volunteer.objects.count() == 6
