"""Two professionals of the district close one concern at the same moment with different messages: the row lock
serialises them, one wins and the other is told; the reporter gets one message, and one move is recorded."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests import factories as f
from tests.concerns.factories import ConcernFactory
from wijkkracht.accounts.constants import Role
from wijkkracht.concerns import services
from wijkkracht.concerns.constants import ConcernStatus, Feedback
from wijkkracht.concerns.models import Concern
from wijkkracht.workflow.models import StateChange

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency tests run on PostgreSQL")
def test_two_professionals_closing_one_concern_at_once_one_wins_the_other_is_told(world):
    second = f.UserFactory(email="pro.a2@example.org")
    f.MembershipFactory(user=second, role=Role.PROFESSIONAL, organisation=world.organisation, district=world.district_a)
    concern = ConcernFactory(neighbourhood=world.neighbourhood_a, status=ConcernStatus.TRIAGED)
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def close(actor, feedback):
        mine = Concern.objects.get(pk=concern.pk)  # each read it as triaged
        try:
            barrier.wait()
            services.concern_close(concern=mine, actor=actor, feedback=feedback)
            outcomes.append(feedback)
        except ValidationError as error:
            outcomes.append("refused: " + " ".join(error.messages))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=close, args=(world.users["professional_a"], Feedback.ACTED)),
        threading.Thread(target=close, args=(second, Feedback.NO_ACTION)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [o for o in outcomes if not o.startswith("refused")]
    refused = [o for o in outcomes if o.startswith("refused")]
    assert len(won) == 1 and len(refused) == 1, outcomes
    assert "afgesloten" in refused[0]
    concern.refresh_from_db()
    assert (concern.status, concern.feedback) == (ConcernStatus.CLOSED, won[0])
    assert StateChange.objects.for_object(concern).filter(target=ConcernStatus.CLOSED).count() == 1
