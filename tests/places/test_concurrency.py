"""Two professionals add a room with the same name at the same moment: one succeeds, the other gets the
ordinary validation error (never an IntegrityError, which would be a 500), and the invariant holds."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from wijkkracht.places import services
from wijkkracht.places.models import Room

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency tests run on PostgreSQL")
def test_two_concurrent_rooms_with_one_name_leave_one_room_and_a_clear_error(world, monkeypatch):
    centre, actor = world.centre_a, world.users["professional_a"]
    barrier = threading.Barrier(2, timeout=10)
    real_full_clean = Room.full_clean

    def full_clean_then_wait(self, *args, **kwargs):
        real_full_clean(self, *args, **kwargs)  # both writers pass validation before either saves
        barrier.wait()

    monkeypatch.setattr(Room, "full_clean", full_clean_then_wait)
    outcomes: list[str] = []

    def add_room():
        try:
            services.room_create(centre=centre, actor=actor, name="Bovenzaal", capacity=10)
            outcomes.append("created")
        except ValidationError as error:
            outcomes.append("refused: " + " ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add_room) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert sorted(o.split(":")[0] for o in outcomes) == ["created", "refused"]
    assert Room.objects.filter(centre=centre, name="Bovenzaal").count() == 1
