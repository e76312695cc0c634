"""Young volunteers (the 15–55 policy starts at 15): a guardian's consent before being active or taking a role,
never alone with a vulnerable resident (the rule other apps ask), at least 15 years old."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories as f
from tests.volunteers import factories as vf
from wijkkracht.volunteers import services
from wijkkracht.volunteers.constants import VolunteerStatus
from wijkkracht.volunteers.models import Volunteer
from wijkkracht.volunteers.query import is_minor, may_help_alone
from wijkkracht.workflow.maps import GuardFailed

S = VolunteerStatus
TODAY = datetime.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("birth_year", "minor"),
    [(None, False), (1990, False), (2007, False), (2008, True), (2010, True), (2011, True)],
)
def test_who_counts_as_under_18_from_a_birth_year_only(birth_year, minor):
    # Born in 2008 one may still be 17 on 1 June 2026: the safe side counts them young for the whole year.
    assert is_minor(birth_year, TODAY) is minor


def _volunteer(world, birth_year, **kwargs):
    return vf.VolunteerFactory(person=f.PersonFactory(birth_year=birth_year), centres=[world.centre_a], **kwargs)


def test_may_help_alone_keeps_young_volunteers_away_from_vulnerable_residents_only(world):
    young = _volunteer(world, timezone.localdate().year - 16)
    adult = _volunteer(world, 1970)
    unknown = _volunteer(world, None)
    assert may_help_alone(young, vulnerable=False) is True
    assert may_help_alone(young, vulnerable=True) is False
    assert may_help_alone(adult, vulnerable=True) is True
    assert may_help_alone(unknown, vulnerable=True) is True
    # The same rule as a filter, in one query.
    everyone = Volunteer.objects.filter(pk__in=[young.pk, adult.pk, unknown.pk])
    assert set(everyone.may_help_alone(vulnerable=True)) == {adult, unknown}
    assert set(everyone.may_help_alone(vulnerable=False)) == {young, adult, unknown}
    assert set(everyone.minors()) == {young}


def test_a_young_volunteer_is_not_activated_without_a_guardians_consent(world):
    professional = world.users["professional_a"]
    young = _volunteer(world, timezone.localdate().year - 16, status=S.INTAKE)
    with pytest.raises(GuardFailed, match="toestemming van een ouder of voogd"):
        services.volunteer_move(volunteer=young, actor=professional, to=S.ACTIVE)
    assert Volunteer.objects.get(pk=young.pk).status == S.INTAKE

    services.volunteer_record_guardian_consent(
        volunteer=young, actor=professional, guardian_name="Moeder Jansen", given_on=timezone.localdate()
    )
    services.volunteer_move(volunteer=young, actor=professional, to=S.ACTIVE)
    stored = Volunteer.objects.get(pk=young.pk)
    assert (stored.status, stored.guardian_name, stored.guardian_consent_by) == (
        S.ACTIVE,
        "Moeder Jansen",
        professional,
    )


def test_consent_needs_a_guardians_name_and_a_past_date_and_the_right_professional(world):
    young = _volunteer(world, timezone.localdate().year - 15, status=S.INTAKE)
    with pytest.raises(ValidationError):
        services.volunteer_record_guardian_consent(
            volunteer=young, actor=world.users["professional_a"], guardian_name=" ", given_on=timezone.localdate()
        )
    with pytest.raises(ValidationError):
        services.volunteer_record_guardian_consent(
            volunteer=young,
            actor=world.users["professional_a"],
            guardian_name="Vader",
            given_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.volunteer_record_guardian_consent(
            volunteer=young, actor=world.users["professional_b"], guardian_name="Vader", given_on=timezone.localdate()
        )
    assert Volunteer.objects.get(pk=young.pk).guardian_consent_on is None


def test_a_young_applicant_is_not_given_a_role_without_consent(world):
    professional = world.users["professional_a"]
    young = _volunteer(world, timezone.localdate().year - 16, status=S.INTAKE)
    vacancy = vf.VacancyFactory(centre=world.centre_a)
    application = vf.ApplicationFactory(vacancy=vacancy, person=young.person, volunteer=young, name="Jong")
    with pytest.raises(GuardFailed):
        services.application_accept(application=application, actor=professional)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_nobody_under_15_signs_up(world):
    child = f.PersonFactory(birth_year=timezone.localdate().year - 13)
    with pytest.raises(ValidationError, match="vanaf 15"):
        services.volunteer_register(person=child, actor=None, centres=[world.centre_a])
    assert not Volunteer.objects.filter(person=child).exists()
