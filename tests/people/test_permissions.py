"""The policies of accounts and people, per persona."""

import pytest

from tests.conftest import PERSONAS
from wijkkracht.accounts import permissions as account_policy
from wijkkracht.accounts.models import Membership, User
from wijkkracht.people import permissions as people_policy
from wijkkracht.people.models import Person


def user_of(world, persona):
    from django.contrib.auth.models import AnonymousUser

    return world.users[persona] or AnonymousUser()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_administrators_grant_and_end_memberships(world, persona):
    user = user_of(world, persona)
    expected = persona == "administrator"
    assert account_policy.can(user, "membership_grant") is expected
    assert account_policy.can(user, "membership_end") is expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_users_and_memberships_visible(world, persona):
    user = user_of(world, persona)
    users = account_policy.visible_to(user, User.objects.all())
    memberships = account_policy.visible_to(user, Membership.objects.all())
    if persona == "administrator":
        assert users.count() == User.objects.count()
        assert memberships.count() == Membership.objects.count()
    elif persona == "anonymous":
        assert (users.count(), memberships.count()) == (0, 0)
    else:
        assert list(users) == [user]
        assert set(memberships) == set(Membership.objects.filter(user=user))


@pytest.mark.parametrize("persona", PERSONAS)
def test_people_policy_own_person_only(world, persona):
    user = user_of(world, persona)
    visible = people_policy.visible_to(user, Person.objects.all())
    other = world.users["council_b"].person
    if persona == "anonymous":
        assert visible.count() == 0
        assert people_policy.can(user, "view") is False
        return
    own = user.person
    assert people_policy.can(user, "change", own) is True
    assert people_policy.can(user, "export", own) is True
    if persona == "administrator":
        assert visible.count() == Person.objects.count()
        assert people_policy.can(user, "view", other) is True
        assert people_policy.can(user, "change", other) is False
    elif persona != "council_b":
        assert list(visible) == [own]
        assert people_policy.can(user, "view", other) is False
        assert people_policy.can(user, "change", other) is False
