"""membership_grant / membership_end: the scope rules of each role, uniqueness, audit, who may do it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories as f
from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership
from wijkkracht.accounts.scope import scope_of
from wijkkracht.accounts.services import membership_end, membership_grant
from wijkkracht.audit.models import AuditEvent


@pytest.fixture
def admin(world):
    return world.users["administrator"]


@pytest.fixture
def newcomer(db):
    return f.UserFactory(email="new@example.org")


def grant(**kwargs):
    return membership_grant(**kwargs)


def test_professional_with_organisation_and_centre(world, admin, newcomer):
    m = grant(
        user=newcomer, role=Role.PROFESSIONAL, organisation=world.organisation, centre=world.centre_b, actor=admin
    )
    assert (m.role, m.organisation, m.centre, m.district) == (
        Role.PROFESSIONAL,
        world.organisation,
        world.centre_b,
        None,
    )
    event = AuditEvent.objects.get(action="membership.granted")
    assert event.actor == admin
    assert event.detail == {"role": "professional", "user": str(newcomer.public_id)}
    assert scope_of(newcomer).centre_ids == frozenset({world.centre_b.pk})


def test_professional_with_organisation_and_district(world, admin, newcomer):
    m = grant(
        user=newcomer, role=Role.PROFESSIONAL, organisation=world.organisation, district=world.district_a, actor=admin
    )
    assert m.district == world.district_a


@pytest.mark.parametrize(
    "scope",
    [
        pytest.param(lambda w: {"centre": w.centre_a}, id="no-organisation"),
        pytest.param(lambda w: {"organisation": w.organisation}, id="no-centre-or-district"),
        pytest.param(
            lambda w: {"organisation": w.organisation, "centre": w.centre_a, "district": w.district_a},
            id="centre-and-district",
        ),
        pytest.param(
            lambda w: {"organisation": w.organisation, "centre": w.centre_a, "council": w.council_a}, id="with-council"
        ),
    ],
)
def test_professional_scope_errors_change_nothing(world, admin, newcomer, scope):
    before = Membership.objects.count()
    with pytest.raises(ValidationError):
        grant(user=newcomer, role=Role.PROFESSIONAL, actor=admin, **scope(world))
    assert Membership.objects.count() == before
    assert not AuditEvent.objects.filter(action="membership.granted").exists()


def test_council_member_needs_a_council(world, admin, newcomer):
    with pytest.raises(ValidationError) as error:
        grant(user=newcomer, role=Role.COUNCIL_MEMBER, actor=admin)
    assert "council" in error.value.message_dict
    m = grant(user=newcomer, role=Role.COUNCIL_MEMBER, council=world.council_b, actor=admin)
    assert m.council == world.council_b


@pytest.mark.parametrize(
    ("role", "good", "bad"),
    [
        (Role.COORDINATOR, lambda w: {"organisation": w.organisation}, lambda w: {"municipality": w.municipality}),
        (Role.ANALYST, lambda w: {"municipality": w.municipality}, lambda w: {"organisation": w.organisation}),
        (Role.RESIDENT, lambda w: {}, lambda w: {"district": w.district_a}),
        (Role.VOLUNTEER, lambda w: {}, lambda w: {"council": w.council_a}),
        (Role.ADMINISTRATOR, lambda w: {}, lambda w: {"municipality": w.municipality}),
    ],
)
def test_scope_rules_per_role(world, admin, newcomer, role, good, bad):
    with pytest.raises(ValidationError):
        grant(user=newcomer, role=role, actor=admin, **bad(world))
    assert grant(user=newcomer, role=role, actor=admin, **good(world)).pk


def test_unknown_role_is_refused(world, admin, newcomer):
    with pytest.raises(ValidationError):
        grant(user=newcomer, role="king", actor=admin)


def test_the_same_membership_twice_is_refused(world, admin):
    with pytest.raises(ValidationError):
        grant(user=world.users["council_a"], role=Role.COUNCIL_MEMBER, council=world.council_a, actor=admin)
    with pytest.raises(ValidationError):
        grant(user=world.users["resident"], role=Role.RESIDENT, actor=admin)


@pytest.mark.parametrize("persona", ["resident", "council_a", "professional_a", "coordinator", "analyst"])
def test_only_administrators_grant(world, newcomer, persona):
    with pytest.raises(PermissionDenied):
        grant(user=newcomer, role=Role.RESIDENT, actor=world.users[persona])
    assert not Membership.objects.filter(user=newcomer).exists()


def test_system_may_grant_without_actor(world, newcomer):
    m = grant(user=newcomer, role=Role.VOLUNTEER, actor=None)
    assert AuditEvent.objects.get(action="membership.granted").actor is None
    assert m.role == Role.VOLUNTEER


def test_end_membership_removes_the_role_from_tomorrow(world, admin):
    user = world.users["council_a"]
    m = Membership.objects.get(user=user, role=Role.COUNCIL_MEMBER)
    today = timezone.localdate()
    ended = membership_end(membership=m, actor=admin)
    assert ended.ends_on == today
    assert AuditEvent.objects.filter(action="membership.ended").count() == 1
    # still valid today (through that day), and ending again changes nothing
    assert membership_end(membership=m, actor=admin).ends_on == today
    assert AuditEvent.objects.filter(action="membership.ended").count() == 1

    m.starts_on = today - datetime.timedelta(days=10)
    m.save(update_fields=["starts_on"])
    membership_end(membership=m, ends_on=today - datetime.timedelta(days=1), actor=admin)
    user.__dict__.pop("_wijkkracht_scope", None)
    assert Role.COUNCIL_MEMBER not in scope_of(user).roles


def test_end_before_start_is_refused(world, admin):
    m = Membership.objects.get(user=world.users["council_a"], role=Role.COUNCIL_MEMBER)
    with pytest.raises(ValidationError):
        membership_end(membership=m, ends_on=m.starts_on - datetime.timedelta(days=1), actor=admin)
    m.refresh_from_db()
    assert m.ends_on is None


def test_only_administrators_end(world):
    m = Membership.objects.get(user=world.users["council_a"], role=Role.COUNCIL_MEMBER)
    with pytest.raises(PermissionDenied):
        membership_end(membership=m, actor=world.users["council_a"])
    m.refresh_from_db()
    assert m.ends_on is None
