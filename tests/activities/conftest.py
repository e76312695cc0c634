"""Centre life's tests freeze the clock in November 2026 (a fixed week of sessions); the world's memberships start
on the real today, so they are moved back to the start of the year: on a frozen day before the real today the
professionals still work where the world says."""

import datetime as dt

import pytest

from wijkkracht.accounts.models import Membership


@pytest.fixture
def world(world):
    Membership.objects.update(starts_on=dt.date(2026, 1, 1))
    return world
