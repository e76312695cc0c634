"""Vacancies, reactions, the VOG rule, suggestions and the VOG reminder."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from tests import factories as f
from tests.volunteers import factories as vf
from tests.volunteers.matrix import setup
from wijkkracht.people.models import Person
from wijkkracht.volunteers import jobs, services
from wijkkracht.volunteers.constants import ApplicationChannel, ApplicationStatus, VacancyStatus, VolunteerStatus
from wijkkracht.volunteers.models import Application, Certificate, Vacancy, Volunteer
from wijkkracht.volunteers.suggestions import suggest
from wijkkracht.volunteers.workflows import APPLICATION_WORKFLOW, VACANCY_WORKFLOW
from wijkkracht.workflow.maps import GuardFailed
from wijkkracht.workflow.testing import walk_workflow

A, V = ApplicationStatus, VacancyStatus
TODAY = datetime.date(2026, 11, 23)


def _rows() -> tuple:
    return (
        sorted(Application.objects.values_list("pk", "status")),
        sorted(Vacancy.objects.values_list("pk", "status")),
        Volunteer.objects.count(),
        Person.objects.count(),
    )


def test_someone_without_an_account_applies_with_a_name_and_a_phone_number(world, client_for):
    data = setup(world)
    url = reverse("volunteers:apply", args=[data.vacancy.public_id])
    anonymous = client_for("anonymous")
    page = anonymous.post(url, {"name": "Sanne"})  # no way to reach her: refused, nothing saved
    assert page.status_code == 200
    assert "telefoonnummer of e-mailadres" in page.text
    assert not Application.objects.filter(vacancy=data.vacancy).exists()
    anonymous.post(url, {"name": "Sanne", "phone": "06 1234 5678"})
    application = Application.objects.get(vacancy=data.vacancy)
    assert (application.name, application.person, application.channel) == ("Sanne", None, ApplicationChannel.WEB)


def test_the_service_refuses_a_reaction_without_contact_whatever_the_form(world):
    data = setup(world)
    before = _rows()
    with pytest.raises(ValidationError):
        services.application_submit(vacancy=data.vacancy, actor=None, name="Sanne")
    assert _rows() == before


def test_a_reaction_to_a_filled_vacancy_is_refused_and_changes_nothing(world, client_for):
    data = setup(world)
    full = vf.VacancyFactory(centre=world.centre_a, places=1)
    vf.ApplicationFactory(vacancy=full, status=A.ACCEPTED)
    before = _rows()
    with pytest.raises(ValidationError) as error:
        services.application_submit(vacancy=full, actor=None, name="Kees", phone="06 1111 2222")
    assert "vol of gesloten" in " ".join(error.value.messages)
    page = client_for("resident").post(reverse("volunteers:apply", args=[full.public_id]), {"message": "Graag"})
    assert "vol of gesloten" in page.text
    assert _rows() == before
    assert data.vacancy.status == V.OPEN


def test_a_role_that_needs_a_vog_is_refused_without_a_valid_one_in_the_service(world):
    data = setup(world)
    vacancy = vf.VacancyFactory(centre=world.centre_a, vog_required=True)
    application = vf.ApplicationFactory(vacancy=vacancy, person=data.vera.person, volunteer=data.vera)
    pro = world.users["professional_a"]
    before = _rows()
    with pytest.raises(GuardFailed) as error:
        services.application_accept(application=application, actor=pro)
    assert "geldige VOG" in " ".join(error.value.messages)
    # A VOG issued more than three years ago does not count either.
    vf.CertificateFactory(volunteer=data.vera, issued_on=timezone.localdate() - datetime.timedelta(days=3 * 366))
    with pytest.raises(GuardFailed):
        services.application_accept(application=application, actor=pro)
    assert _rows() == before
    services.certificate_record(
        volunteer=data.vera, actor=pro, kind="vog", issued_on=timezone.localdate() - datetime.timedelta(days=10)
    )
    services.application_accept(application=application, actor=pro)
    assert Application.objects.get(pk=application.pk).status == A.ACCEPTED


def test_how_long_a_vog_counts_is_configurable(world):
    data = setup(world)
    vacancy = vf.VacancyFactory(centre=world.centre_a, vog_required=True)
    application = vf.ApplicationFactory(vacancy=vacancy, person=data.vera.person, volunteer=data.vera)
    vf.CertificateFactory(volunteer=data.vera, issued_on=timezone.localdate() - datetime.timedelta(days=4 * 365))
    with override_settings(WIJKKRACHT_VOG_VALID_YEARS=5):
        services.application_accept(application=application, actor=world.users["professional_a"])
    assert Application.objects.get(pk=application.pk).status == A.ACCEPTED


def test_a_vog_cannot_be_issued_in_the_future(world):
    data = setup(world)
    with pytest.raises(ValidationError):
        services.certificate_record(
            volunteer=data.vera,
            actor=world.users["professional_a"],
            kind="vog",
            issued_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert not Certificate.objects.exists()


def test_accepting_someone_without_an_account_makes_them_a_volunteer_and_the_last_place_fills_the_vacancy(world):
    data = setup(world)
    vacancy = vf.VacancyFactory(centre=world.centre_a, places=1)
    application = services.application_submit(
        vacancy=vacancy,
        actor=world.users["professional_a"],
        name="Henk",
        phone="020 123 4567",
        channel=ApplicationChannel.PHONE,
    )
    assert application.entered_by == world.users["professional_a"]
    services.application_accept(application=application, actor=world.users["professional_a"])
    application.refresh_from_db()
    henk = application.volunteer
    assert (henk.person.first_name, henk.person.phone, henk.status) == (
        "Henk",
        "020 123 4567",
        VolunteerStatus.REGISTERED,
    )
    assert list(henk.centres.all()) == [world.centre_a]
    assert Vacancy.objects.get(pk=vacancy.pk).status == V.FILLED
    assert data.vacancy.status == V.OPEN
    services.application_withdraw(application=application, actor=world.users["professional_a"])
    assert Vacancy.objects.get(pk=vacancy.pk).status == V.OPEN


def test_another_centres_professional_may_not_decide(world):
    data = setup(world)
    before = _rows()
    with pytest.raises(Exception) as error:
        services.application_accept(application=data.application, actor=world.users["professional_b"])
    assert error.type.__name__ in ("PermissionDenied", "TransitionForbidden")
    assert _rows() == before


def test_the_application_and_vacancy_workflows(world):
    volunteer = vf.VolunteerFactory(centres=[world.centre_a])

    def application(state):
        vacancy = vf.VacancyFactory(centre=world.centre_a, places=3)
        return vf.ApplicationFactory(vacancy=vacancy, status=state, person=volunteer.person, volunteer=volunteer)

    walk = walk_workflow(
        APPLICATION_WORKFLOW,
        make=application,
        by=world.users["professional_a"],
        denied_by=world.users["professional_b"],
        blocked={
            (A.SUBMITTED, A.ACCEPTED): lambda: vf.ApplicationFactory(
                vacancy=vf.VacancyFactory(centre=world.centre_a, vog_required=True), volunteer=volunteer
            )
        },
    )
    assert (walk.allowed, walk.guarded) == (4, 1)
    walk = walk_workflow(
        VACANCY_WORKFLOW,
        make=lambda state: vf.VacancyFactory(centre=world.centre_a, status=state),
        by=world.users["professional_a"],
        denied_by=world.users["professional_b"],
    )
    assert walk.allowed == 5


def test_suggestions_rank_fitting_volunteers_with_their_reasons(world):
    world.centre_a.lat, world.centre_a.lon = 52.30, 4.86
    world.centre_a.save()
    cook, driver = vf.TagFactory(name="Koken"), vf.TagFactory(name="Autorijden")
    vacancy = vf.VacancyFactory(
        centre=world.centre_a, skills=[cook, driver], slots=["mon_morning", "tue_morning"], hours_per_week=2
    )

    def volunteer(name, **kwargs):
        kwargs.setdefault("centres", [world.centre_a])
        return vf.VolunteerFactory(person=f.PersonFactory(first_name=name), **kwargs)

    best = volunteer("Best", skills=[cook, driver], availability=["mon_morning", "tue_morning"])
    half = volunteer("Half", skills=[cook], availability=["mon_morning"])
    volunteer("Paused", skills=[cook, driver], status=VolunteerStatus.PAUSED)
    busy = volunteer("Busy", skills=[cook, driver], max_hours_per_week=2)
    vf.ApplicationFactory(
        vacancy=vf.VacancyFactory(centre=world.centre_a, hours_per_week=1), volunteer=busy, status=A.ACCEPTED
    )
    away = volunteer("Away", skills=[cook, driver])
    services.exception_add(volunteer=away, actor=None, starts_on=timezone.localdate(), ends_on=timezone.localdate())
    elsewhere = volunteer("Elsewhere", skills=[cook, driver])
    elsewhere.work_districts.set([world.district_b])
    volunteer("Other centre", skills=[cook, driver], centres=[world.centre_b])  # not professional_a's

    from wijkkracht.volunteers.permissions import Action, visible_to

    visible = visible_to(world.users["professional_a"], Volunteer.objects.all(), Action.VIEW)
    ranked = suggest(vacancy, visible, today=timezone.localdate())
    assert [s.volunteer.person.first_name for s in ranked] == ["Best", "Half"]
    assert ranked[0].score > ranked[1].score
    assert "Kan Autorijden, Koken (2 van 2 gevraagd)" in ranked[0].reasons
    assert "Kan Koken (1 van 2 gevraagd)" in ranked[1].reasons
    assert "Kan op 1 van de 2 momenten" in ranked[1].reasons

    vacancy.vog_required = True
    vacancy.save()
    assert suggest(vacancy, visible, today=timezone.localdate()) == []
    vf.CertificateFactory(volunteer=half)
    assert [s.volunteer for s in suggest(vacancy, visible, today=timezone.localdate())] == [half]
    assert best.pk


def test_the_board_filters_by_district_skill_and_time_of_day(world, client_for):
    setup(world)
    cook = vf.TagFactory(name="Koken")
    evening = vf.VacancyFactory(centre=world.centre_b, title="Avondkok", skills=[cook], slots=["thu_evening"])
    vf.VacancyFactory(centre=world.centre_a, title="Gesloten rol", status=V.CLOSED)
    client = client_for("anonymous")
    titles = lambda **q: [v.title for v in client.get(reverse("volunteers:board"), q).context["page"]]  # noqa: E731
    assert "Gesloten rol" not in titles()
    assert titles(district=world.district_b.pk) == ["Avondkok"]
    assert titles(skill=cook.pk) == ["Avondkok"]
    assert titles(day_part="evening") == ["Avondkok"]
    assert evening.title not in titles(day_part="morning")


def test_the_vog_reminder_is_sent_once_and_not_after_a_new_vog(world):
    data = setup(world)
    with freeze_time("2026-11-23 07:00:00+01:00"):
        old = vf.CertificateFactory(volunteer=data.vera, issued_on=datetime.date(2023, 12, 20))  # lapses 19 Dec 2026
        early = vf.CertificateFactory(volunteer=data.bram, issued_on=datetime.date(2025, 1, 1))  # long valid
        mail.outbox.clear()
        assert jobs.remind_vog() == 1
        assert jobs.remind_vog() == 0  # twice: once
    assert [m.to for m in mail.outbox] == [[world.users["volunteer"].email]]
    assert "19 december 2026" in mail.outbox[0].body
    assert Certificate.objects.get(pk=old.pk).reminded_at is not None
    assert Certificate.objects.get(pk=early.pk).reminded_at is None

    bram_old = vf.CertificateFactory(volunteer=data.bram, issued_on=datetime.date(2023, 12, 1))
    vf.CertificateFactory(volunteer=data.bram, issued_on=datetime.date(2026, 11, 1))  # a new one is recorded
    with freeze_time("2026-11-24 07:00:00+01:00"):
        assert jobs.remind_vog() == 0
    assert Certificate.objects.get(pk=bram_old.pk).reminded_at is not None


def test_kept_suggestions_follow_every_change_and_take_a_flat_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkkracht.volunteers.permissions import Action, visible_to

    cook = vf.TagFactory(name="Koken")
    vacancy = vf.VacancyFactory(centre=world.centre_a, skills=[cook], slots=["mon_morning"], hours_per_week=2)
    visible = visible_to(world.users["professional_a"], Volunteer.objects.all(), Action.VIEW)
    today = timezone.localdate()
    first = vf.VolunteerFactory(centres=[world.centre_a], skills=[cook], availability=["fri_evening"])
    other = vf.VolunteerFactory(centres=[world.centre_a])
    assert [s.volunteer for s in suggest(vacancy, visible, today=today)][0] == first
    # A skill added through the service: the kept pool is rebuilt and the ranking follows.
    services.volunteer_update(volunteer=other, actor=None, skills=[cook], availability=["mon_morning"])
    assert [s.volunteer for s in suggest(vacancy, visible, today=today)][0] == other
    # A reaction takes the volunteer out of the suggestions at once.
    vf.ApplicationFactory(vacancy=vacancy, volunteer=other, person=other.person)
    assert other not in [s.volunteer for s in suggest(vacancy, visible, today=today)]

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            suggest(vacancy, visible, today=today)
        return len(ctx)

    warm = queries()
    for _ in range(30):
        vf.VolunteerFactory(centres=[world.centre_a], skills=[cook])
    queries()  # rebuilt once
    assert queries() == warm
