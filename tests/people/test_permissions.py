"""The policies of accounts and people, per persona."""

import pytest

from tests.conftest import PERSONAS
from wijkkracht.accounts.models import Membership, User
from wijkkracht.accounts.permissions import Action as AccountAction
from wijkkracht.accounts.policy import can, visible_to
from wijkkracht.people.models import Person
from wijkkracht.people.permissions import Action as PeopleAction


def user_of(world, persona):
    from django.contrib.auth.models import AnonymousUser

    return world.users[persona] or AnonymousUser()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_administrators_grant_and_end_memberships(world, persona):
    user = user_of(world, persona)
    expected = persona == "administrator"
    assert can(user, AccountAction.MEMBERSHIP_GRANT) is expected
    assert can(user, AccountAction.MEMBERSHIP_END) is expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_users_and_memberships_visible_to_administrators_only(world, persona):
    user = user_of(world, persona)
    users = visible_to(user, User.objects.all(), AccountAction.USER_VIEW)
    memberships = visible_to(user, Membership.objects.all(), AccountAction.MEMBERSHIP_VIEW)
    if persona == "administrator":
        assert users.count() == User.objects.count()
        assert memberships.count() == Membership.objects.count()
    else:
        assert (users.count(), memberships.count()) == (0, 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_people_policy_own_person_only(world, persona):
    user = user_of(world, persona)
    visible = visible_to(user, Person.objects.all(), PeopleAction.PERSON_VIEW)
    other = world.users["council_b"].person
    if persona == "anonymous":
        assert visible.count() == 0
        assert can(user, PeopleAction.OWN_VIEW) is False
        assert can(user, PeopleAction.PERSON_VIEW, other) is False
        return
    own = user.person
    assert can(user, PeopleAction.OWN_CHANGE, own) is True
    assert can(user, PeopleAction.OWN_EXPORT, own) is True
    assert can(user, PeopleAction.OWN_CHANGE, other) is (persona == "council_b")
    if persona == "administrator":
        assert visible.count() == Person.objects.count()
        assert can(user, PeopleAction.PERSON_VIEW, other) is True
    else:
        assert list(visible) == [own]
        assert can(user, PeopleAction.PERSON_VIEW, other) is False
        assert can(user, PeopleAction.PERSON_CHANGE, other) is False
