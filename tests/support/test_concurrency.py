"""Two professionals of the district act on one help request at the same moment: the row lock serialises them,
one wins and the other is told (nothing of theirs is written)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests import factories as f
from tests.support.factories import HelpRequestFactory
from wijkkracht.accounts.constants import Role
from wijkkracht.support import services
from wijkkracht.support.constants import Outcome, RequestStatus
from wijkkracht.support.models import HelpRequest
from wijkkracht.workflow.models import StateChange

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency tests run on PostgreSQL")
def test_two_professionals_moving_one_request_at_once_one_wins_the_other_is_told(world):
    second = f.UserFactory(email="pro.a2@example.org")
    f.MembershipFactory(user=second, role=Role.PROFESSIONAL, organisation=world.organisation, district=world.district_a)
    help_request = HelpRequestFactory(neighbourhood=world.neighbourhood_a, status=RequestStatus.MATCHING)
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def act(actor, do):
        # Each reads the request as it was (matching), then both act at once.
        mine = HelpRequest.objects.get(pk=help_request.pk)
        try:
            barrier.wait()
            do(mine, actor)
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append("refused: " + " ".join(error.messages))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(
            target=act,
            args=(
                world.users["professional_a"],
                lambda obj, actor: services.help_request_move(
                    help_request=obj, actor=actor, to=RequestStatus.MATCHED, reason="Buurman helpt."
                ),
            ),
        ),
        threading.Thread(
            target=act,
            args=(
                second,
                lambda obj, actor: services.help_request_close(help_request=obj, actor=actor, outcome=Outcome.RESOLVED),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o.split(":")[0] for o in outcomes) == ["done", "refused"], outcomes
    row = HelpRequest.objects.get(pk=help_request.pk)
    changes = list(StateChange.objects.for_object(row))
    assert len(changes) == 1  # only the winner's move
    if row.status == RequestStatus.CLOSED:
        assert row.outcome == Outcome.RESOLVED
    else:
        assert (row.status, row.outcome, row.closed_at) == (RequestStatus.MATCHED, "", None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency tests run on PostgreSQL")
def test_two_professionals_matching_one_request_at_once_one_wins_the_other_is_told(world):
    from django.db.models import Q

    from tests.volunteers import factories as vf
    from wijkkracht.places.models import Neighbourhood
    from wijkkracht.support import ranking
    from wijkkracht.support.models import Match

    ranking.clear_cache()
    Neighbourhood.objects.filter(pk=world.neighbourhood_a.pk).update(centroid_lat=52.3, centroid_lon=4.86)
    second = f.UserFactory(email="pro.a3@example.org")
    f.MembershipFactory(user=second, role=Role.PROFESSIONAL, organisation=world.organisation, district=world.district_a)
    helpers = [vf.VolunteerFactory(person=f.PersonFactory(neighbourhood=world.neighbourhood_a)) for _ in range(2)]
    help_request = HelpRequestFactory(neighbourhood=world.neighbourhood_a, status=RequestStatus.MATCHING)
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def act(actor, volunteer):
        mine = HelpRequest.objects.get(pk=help_request.pk)
        try:
            barrier.wait()
            services.match_offer(help_request=mine, volunteer=volunteer, actor=actor)
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append("refused: " + " ".join(error.messages))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(world.users["professional_a"], helpers[0])),
        threading.Thread(target=act, args=(second, helpers[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o.split(":")[0] for o in outcomes) == ["done", "refused"], outcomes
    assert any("al een helper gevraagd" in o for o in outcomes)
    assert Match.objects.filter(help_request=help_request).count() == 1
    assert not Match.objects.filter(~Q(status="offered")).exists()
