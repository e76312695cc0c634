"""Two councillors grant money from one district budget at the same moment: the budget row lock serialises them,
so one grant succeeds, the other gets the ordinary 'not enough left' message, and the remainder never goes
below zero."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Sum

from tests.initiatives import factories as nf
from wijkkracht.initiatives import services
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import Grant

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency tests run on PostgreSQL")
def test_two_concurrent_grants_never_take_the_budget_below_zero(world, monkeypatch):
    budget = nf.DistrictBudgetFactory(district=world.district_a, amount=Decimal("1000"))
    initiatives = [
        nf.InitiativeFactory(district=world.district_a, status=InitiativeStatus.APPROVED, title=f"Plan {i}")
        for i in range(2)
    ]
    actor = world.users["council_a"]
    barrier = threading.Barrier(2, timeout=10)
    real_remaining = services.remaining

    def slow_remaining(b):
        left = real_remaining(b)
        time.sleep(0.5)  # widen the window between reading the remainder and writing the grant
        return left

    monkeypatch.setattr(services, "remaining", slow_remaining)
    outcomes: list[str] = []

    def grant(initiative):
        try:
            barrier.wait()
            services.grant_award(initiative=initiative, amount=Decimal("600"), actor=actor, year=budget.year)
            outcomes.append("granted")
        except ValidationError as error:
            outcomes.append("refused: " + " ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=grant, args=(i,)) for i in initiatives]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o.split(":")[0] for o in outcomes) == ["granted", "refused"], outcomes
    assert "Er is nog € 400.00 over" in next(o for o in outcomes if o.startswith("refused"))
    total = Grant.objects.filter(budget=budget).aggregate(total=Sum("amount"))["total"]
    assert total == Decimal("600")
