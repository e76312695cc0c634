"""Hours: written by the volunteer, approved or declined with a reason, totals per volunteer, centre, district
and period; bad input changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.volunteers import factories as vf
from tests.volunteers.matrix import setup
from wijkkracht.volunteers import services
from wijkkracht.volunteers.constants import HoursStatus, VolunteerStatus
from wijkkracht.volunteers.models import HoursEntry
from wijkkracht.volunteers.workflows import HOURS_WORKFLOW
from wijkkracht.workflow.maps import ReasonRequired
from wijkkracht.workflow.testing import walk_workflow

H = HoursStatus


def _log(world, data, **kwargs):
    values = {"date": timezone.localdate(), "hours": Decimal("2"), "description": "Koffie"} | kwargs
    return services.hours_log(volunteer=data.vera, actor=world.users["volunteer"], **values)


def test_hours_in_the_future_or_over_24_a_day_are_refused_and_change_nothing(world):
    data = setup(world)
    count = HoursEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        _log(world, data, date=timezone.localdate() + datetime.timedelta(days=1))
    assert "nog niet geweest" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        _log(world, data, hours=Decimal("25"))
    with pytest.raises(ValidationError):
        _log(world, data, hours=Decimal("0"))
    _log(world, data, hours=Decimal("20"))
    with pytest.raises(ValidationError) as error:
        _log(world, data, hours=Decimal("5"))  # 20 + 5 on one day
    assert "Een dag heeft er 24" in " ".join(error.value.messages)
    assert HoursEntry.objects.count() == count + 1


def test_only_an_active_volunteer_writes_their_own_hours(world):
    data = setup(world)
    with pytest.raises(PermissionDenied):
        services.hours_log(
            volunteer=data.vera,
            actor=world.users["professional_a"],
            date=timezone.localdate(),
            hours=1,
            description="x",
        )
    with pytest.raises(PermissionDenied):
        services.hours_log(
            volunteer=data.bram, actor=world.users["volunteer"], date=timezone.localdate(), hours=1, description="x"
        )


def test_the_professional_approves_or_declines_with_a_reason_the_volunteer_sees(world, client_for):
    data = setup(world)
    entry = _log(world, data, hours=Decimal("1.5"))
    pro = client_for("professional_a")
    with pytest.raises(ReasonRequired):
        services.hours_decide(entry=entry, actor=world.users["professional_a"], approve=False, reason="")
    pro.post(
        reverse("volunteers:hours_decide", args=[entry.public_id]), {"to": "declined", "reason": "Dubbel geschreven"}
    )
    assert HoursEntry.objects.get(pk=entry.pk).status == H.DECLINED
    pro.post(reverse("volunteers:hours_decide", args=[data.entry.public_id]), {"to": "approved"})
    assert HoursEntry.objects.get(pk=data.entry.pk).status == H.APPROVED
    page = client_for("volunteer").get(reverse("volunteers:mine"))
    assert "Dubbel geschreven" in page.text
    assert "Dit jaar goedgekeurd: 2 uur." in page.text or data.entry.date.year != timezone.localdate().year
    with pytest.raises(PermissionDenied):
        services.hours_decide(entry=_log(world, data), actor=world.users["professional_b"], approve=True)


def test_totals_per_volunteer_centre_district_and_period(world, client_for):
    data = setup(world)  # its entry (yesterday, 2 h at centre A) is still waiting
    other = vf.VolunteerFactory(centres=[world.centre_a])
    today = timezone.localdate()
    for volunteer, day, hours, status in [
        (data.vera, today - datetime.timedelta(days=3), "3", H.APPROVED),
        (data.vera, today - datetime.timedelta(days=400), "7", H.APPROVED),  # before the period
        (other, today - datetime.timedelta(days=2), "1.5", H.APPROVED),
        (other, today - datetime.timedelta(days=2), "4", H.DECLINED),
    ]:
        vf.HoursEntryFactory(
            volunteer=volunteer, date=day, hours=Decimal(hours), status=status, centre=world.centre_a,
            district=world.district_a,
        )  # fmt: skip
    vf.HoursEntryFactory(
        volunteer=data.bram, hours=Decimal("9"), status=H.APPROVED, district=world.district_b
    )  # not professional_a's
    start = (today - datetime.timedelta(days=30)).isoformat()
    page = client_for("professional_a").get(reverse("volunteers:hours"), {"start": start, "end": today.isoformat()})
    assert [(r["volunteer__person__first_name"], r["total"]) for r in page.context["by_volunteer"]] == [
        ("Vera", Decimal("3")),
        (other.person.first_name, Decimal("1.5")),
    ]
    assert [(r["centre__name"], r["total"]) for r in page.context["by_centre"]] == [("Villa Randwijck", Decimal("4.5"))]
    assert [(r["district__name"], r["total"]) for r in page.context["by_district"]] == [("Randwijck", Decimal("4.5"))]
    assert [e.pk for e in page.context["waiting"]] == [data.entry.pk]
    b_page = client_for("professional_b").get(reverse("volunteers:hours"), {"start": start})
    assert [(r["district__name"], r["total"]) for r in b_page.context["by_district"]] == [("Westwijk", Decimal("9"))]


def test_the_hours_workflow(world):
    volunteer = vf.VolunteerFactory(centres=[world.centre_a], status=VolunteerStatus.ACTIVE)
    walk = walk_workflow(
        HOURS_WORKFLOW,
        make=lambda state: vf.HoursEntryFactory(volunteer=volunteer, status=state, district=world.district_a),
        by=world.users["professional_a"],
        denied_by=world.users["professional_b"],
    )
    assert walk.allowed == 2
