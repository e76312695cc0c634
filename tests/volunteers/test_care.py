"""Recognition milestones (frozen clock, twice), the yearly appreciation list, the statement of hours (PDF),
messages to a group (opt-out respected, kept in the platform) and the recruitment and retention figures."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from tests import factories as f
from tests.volunteers import factories as vf
from wijkkracht.volunteers import jobs, services
from wijkkracht.volunteers.constants import Audience, MilestoneKind, VolunteerStatus
from wijkkracht.volunteers.figures import figures
from wijkkracht.volunteers.models import Message, Recognition, Volunteer

S = VolunteerStatus


def _approved(volunteer, day, hours):
    """Approved hours, in days of at most 8 hours (a day has 24 at most)."""
    district = volunteer.districts.first() or volunteer.centres.first().district
    left, entries = Decimal(hours), []
    while left > 0:
        part = min(left, Decimal(8))
        entries.append(
            vf.HoursEntryFactory(volunteer=volunteer, date=day, hours=part, status="approved", district=district)
        )
        day, left = day - datetime.timedelta(days=1), left - part
    return entries


@freeze_time("2026-06-01 12:00:00+02:00")
def test_milestones_years_and_hours_recorded_once(world):
    vera = vf.VolunteerFactory(districts=[world.district_a], activated_on=datetime.date(2021, 3, 1))
    _approved(vera, datetime.date(2025, 1, 10), 30)
    _approved(vera, datetime.date(2025, 5, 10), 24)  # passes 50 hours here
    _approved(vera, datetime.date(2026, 2, 1), 40)
    assert jobs.recognise() == 3
    assert sorted(Recognition.objects.values_list("kind", "value", "reached_on")) == [
        (MilestoneKind.HOURS, 50, datetime.date(2025, 5, 10)),
        (MilestoneKind.YEARS, 1, datetime.date(2022, 3, 1)),
        (MilestoneKind.YEARS, 5, datetime.date(2026, 3, 1)),
    ]
    assert jobs.recognise() == 0


def test_the_appreciation_list_shows_this_years_helpers_most_hours_first(world, client_for):
    today = datetime.date.today()
    busy = vf.VolunteerFactory(centres=[world.centre_a], districts=[world.district_a])
    quiet = vf.VolunteerFactory(centres=[world.centre_a], districts=[world.district_a])
    elsewhere = vf.VolunteerFactory(districts=[world.district_b])
    _approved(busy, today, 8)
    _approved(quiet, today, 2)
    _approved(elsewhere, today, 20)
    # Milestones this year: two for the busy one (its hours count once, not once per milestone), and one for a
    # volunteer without hours this year, who is listed after those with hours.
    new = vf.VolunteerFactory(centres=[world.centre_a], districts=[world.district_a])
    for volunteer, kind, value in [
        (busy, MilestoneKind.HOURS, 50),
        (busy, MilestoneKind.YEARS, 5),
        (new, MilestoneKind.YEARS, 1),
    ]:
        Recognition.objects.create(volunteer=volunteer, kind=kind, value=value, reached_on=today)
    response = client_for("professional_a").get(reverse("volunteers:appreciation"))
    rows = response.context["rows"]
    assert [row.pk for row in rows] == [busy.pk, quiet.pk, new.pk]
    assert [row.total or 0 for row in rows] == [8, 2, 0]
    assert [len(row.milestones) for row in rows] == [2, 0, 1]


def test_the_statement_is_a_pdf_of_approved_hours_only(world, client_for):
    vera = vf.VolunteerFactory(person=world.users["volunteer"].person, centres=[world.centre_a])
    with pytest.raises(ValidationError, match="goedgekeurde uren"):
        services.hours_statement(volunteer=vera, actor=world.users["volunteer"])
    vf.HoursEntryFactory(volunteer=vera, district=world.district_a, hours=3)  # submitted: not counted
    _approved(vera, datetime.date.today() - datetime.timedelta(days=3), 2)
    pdf = services.hours_statement(volunteer=vera, actor=world.users["volunteer"])
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    with pytest.raises(PermissionDenied):
        services.hours_statement(volunteer=vera, actor=world.users["professional_b"])
    response = client_for("volunteer").get(reverse("volunteers:own_statement"))
    assert response["Content-Type"] == "application/pdf"


def test_a_message_to_a_district_respects_opt_out_and_stays_readable(world, mailoutbox):
    user = f.UserFactory(email="olga@example.org")
    f.PersonFactory(user=user, first_name="Olga")
    olga = vf.VolunteerFactory(person=user.person, centres=[world.centre_a])
    no_mail = vf.VolunteerFactory(centres=[world.centre_a], messages_opt_out=True)
    vf.VolunteerFactory(districts=[world.district_b])
    vf.VolunteerFactory(centres=[world.centre_a], status=S.STOPPED)
    message = services.message_send(
        actor=world.users["professional_a"], audience=Audience.DISTRICT, district=world.district_a,
        subject="Vrijwilligersavond", body="Kom je ook?",
    )  # fmt: skip
    assert list(message.recipients.all()) == [olga]
    assert (message.skipped, [m.to for m in mailoutbox]) == (1, [["olga@example.org"]])
    assert list(olga.messages.all()) == [message] and not no_mail.messages.exists()
    with pytest.raises(PermissionDenied):
        services.message_send(
            actor=world.users["professional_b"], audience=Audience.DISTRICT, district=world.district_a,
            subject="x", body="y",
        )  # fmt: skip
    assert Message.objects.count() == 1


def test_a_message_to_the_volunteers_of_a_vacancy(world, mailoutbox):
    vacancy = vf.VacancyFactory(centre=world.centre_a)
    taken = vf.VolunteerFactory(centres=[world.centre_a])
    vf.ApplicationFactory(vacancy=vacancy, volunteer=taken, person=taken.person, status="accepted")
    vf.VolunteerFactory(centres=[world.centre_a])
    message = services.message_send(
        actor=world.users["professional_a"], audience=Audience.VACANCY, vacancy=vacancy, subject="Rooster",
        body="Nieuw rooster.",
    )  # fmt: skip
    assert list(message.recipients.all()) == [taken]


@freeze_time("2026-06-15 12:00:00+02:00")
def test_cohort_arithmetic(world):
    def make(n, *, born, activated, stopped=None, status=S.ACTIVE):
        for _ in range(n):
            vf.VolunteerFactory(
                person=f.PersonFactory(birth_year=born), districts=[world.district_a], status=status,
                activated_on=activated, stopped_on=stopped,
            )  # fmt: skip

    # 2025 Q1 cohort, 15–55: 10 started; 2 stopped after 3 months, 3 after 9 months, 5 still there.
    make(5, born=1990, activated=datetime.date(2025, 2, 1))
    make(2, born=1990, activated=datetime.date(2025, 2, 1), stopped=datetime.date(2025, 5, 1), status=S.STOPPED)
    make(3, born=1990, activated=datetime.date(2025, 2, 1), stopped=datetime.date(2025, 11, 1), status=S.STOPPED)
    # Signed up, never active: 6 in the 15–55 band.
    make(6, born=2000, activated=None, status=S.REGISTERED)
    # 2026 Q2 cohort of 55+: too recent for 6 months.
    make(5, born=1950, activated=datetime.date(2026, 4, 1))
    data = figures(Volunteer.objects.all(), today=datetime.date(2026, 6, 15))
    cohorts = {(c["quarter"], c["band"]): c for c in data.cohorts}
    q1 = cohorts[("2025 K1", "15_55")]
    assert (q1["started"], q1["p6"], q1["p12"]) == (10, 80.0, 50.0)
    recent = cohorts[("2026 K2", "55_plus")]
    assert (recent["started"], recent["p6"], recent["p12"]) == (5, None, None)
    conversion = {c["band"]: c for c in data.conversion}
    assert (conversion["15_55"]["registered"], conversion["15_55"]["active"], conversion["15_55"]["percent"]) == (
        16, 10, 62.5,
    )  # fmt: skip
    assert [c["band"] for c in data.conversion][0] == "15_55"  # the policy band first


def test_small_counts_are_suppressed(world):
    for _ in range(3):
        vf.VolunteerFactory(person=f.PersonFactory(birth_year=1990), districts=[world.district_a])
    data = figures(Volunteer.objects.all(), today=datetime.date.today())
    row = data.conversion[0]
    assert (row["registered"], row["percent"]) == (None, None)
    assert data.months[-1]["total"] is None


def test_the_figures_page_takes_a_flat_number_of_queries(world, client_for):
    client = client_for("analyst")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("volunteers:figures")).status_code == 200
        return len(ctx)

    vf.VolunteerFactory(districts=[world.district_a], activated_on=datetime.date(2025, 1, 1))
    small = count()
    for year in (1950, 1980, 2000, None):
        for _ in range(6):
            vf.VolunteerFactory(person=f.PersonFactory(birth_year=year), districts=[world.district_b],
                                activated_on=datetime.date(2024, 5, 1))  # fmt: skip
    assert count() == small


def test_become_a_volunteer_is_on_the_home_page_and_every_centre_and_district_page(world, client_for):
    client = client_for("anonymous")
    board = reverse("volunteers:board")
    for url in (reverse("places:home"), world.centre_a.url, world.district_a.url):
        page = client.get(url).content.decode()
        assert "Word vrijwilliger" in page and board in page
