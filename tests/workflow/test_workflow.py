"""The workflow rail: one transition service over a transition map, with history, audit, refusals that change
nothing, and a helper that walks any map."""

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections
from django.utils import translation

from tests.workflow.testapp.models import Ticket
from tests.workflow.testapp.models import TicketStatus as S
from tests.workflow.testapp.workflows import TICKET_WORKFLOW
from wijkkracht.audit.models import AuditEvent
from wijkkracht.workflow import services as workflow_services
from wijkkracht.workflow.maps import (
    GuardFailed,
    Move,
    ReasonRequired,
    TransitionConflict,
    TransitionForbidden,
    TransitionNotAllowed,
    Workflow,
    workflow_for,
)
from wijkkracht.workflow.models import StateChange
from wijkkracht.workflow.services import available_moves, transition
from wijkkracht.workflow.testing import walk_workflow


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(email="staff@example.org", password="x" * 12, is_staff=True)


@pytest.fixture
def resident(django_user_model):
    return django_user_model.objects.create_user(email="res@example.org", password="x" * 12)


def make(state, **kwargs):
    return Ticket.objects.create(title="t", status=state, **kwargs)


@pytest.mark.django_db
def test_walking_the_map_tries_every_pair_of_states(staff, resident):
    walk = walk_workflow(
        TICKET_WORKFLOW,
        make=make,
        by=staff,
        denied_by=resident,
        blocked={(S.OPEN, S.DONE): lambda: make(S.OPEN, ready=False)},
    )
    # 4 states → 16 pairs: 5 moves in the map, 11 refused; every move refused to the resident, the 2 user-only
    # moves also refused to the system; one guard.
    assert (walk.allowed, walk.refused, walk.forbidden, walk.guarded) == (5, 11, 7, 1)


@pytest.mark.django_db
def test_a_move_writes_state_history_and_audit_in_one_go(staff):
    ticket = make(S.NEW)
    change = transition(ticket, to=S.OPEN, by=staff, reason="  opgepakt ")

    assert ticket.status == S.OPEN
    assert Ticket.objects.get(pk=ticket.pk).status == S.OPEN
    row = StateChange.objects.for_object(ticket).get()
    assert row == change
    assert (row.field, row.source, row.target, row.actor, row.reason) == ("status", "new", "open", staff, "opgepakt")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.object_type, event.object_id) == (
        "workflow.transition",
        staff,
        "workflow_testapp.ticket",
        str(ticket.pk),
    )
    assert event.detail == {"source": "new", "target": "open"}  # never the reason


@pytest.mark.django_db
def test_a_forbidden_move_has_a_clear_translated_message_and_changes_nothing(staff):
    ticket = make(S.DONE)
    with pytest.raises(TransitionNotAllowed) as error:
        transition(ticket, to=S.OPEN, by=staff)
    assert error.value.messages == ["Dit kan niet: van ‘afgerond’ naar ‘in behandeling’ is geen toegestane stap."]
    with translation.override("en"):
        with pytest.raises(TransitionNotAllowed) as error:
            transition(ticket, to=S.OPEN, by=staff)
        assert error.value.messages == [
            "Not possible: going from ‘afgerond’ to ‘in behandeling’ is not an allowed step."
        ]
    assert Ticket.objects.get(pk=ticket.pk).status == S.DONE
    assert StateChange.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_the_policy_decides_who_may_move_and_the_system_only_where_the_map_says(staff, resident):
    with pytest.raises(TransitionForbidden):
        transition(make(S.NEW), to=S.OPEN, by=resident)
    with pytest.raises(TransitionForbidden):
        transition(make(S.NEW), to=S.OPEN, by=None)
    transition(make(S.NEW), to=S.CANCELLED, by=None, reason="verlopen")  # system move
    with pytest.raises(TransitionForbidden):
        transition(make(S.CANCELLED), to=S.NEW, by=staff)  # system only
    assert [c.actor for c in StateChange.objects.all()] == [None]


@pytest.mark.django_db
def test_a_guard_and_a_missing_reason_refuse_with_their_message(staff):
    ticket = make(S.OPEN, ready=False)
    with pytest.raises(GuardFailed) as error:
        transition(ticket, to=S.DONE, by=staff)
    assert error.value.messages == ["Het ticket is nog niet klaar."]
    with pytest.raises(ReasonRequired) as error:
        transition(ticket, to=S.CANCELLED, by=staff, reason="   ")
    assert error.value.messages == ["Geef een reden op voor de stap naar ‘geannuleerd’."]
    assert StateChange.objects.count() == 0


@pytest.mark.django_db
def test_a_stale_object_is_refused_even_when_its_move_would_be_allowed_from_the_new_state(staff):
    ticket = make(S.NEW)
    other_copy = Ticket.objects.get(pk=ticket.pk)
    transition(other_copy, to=S.OPEN, by=staff)
    with pytest.raises(TransitionConflict) as error:
        transition(ticket, to=S.CANCELLED, by=staff, reason="dubbel")  # open → cancelled exists too
    assert "intussen gewijzigd in ‘in behandeling’" in error.value.messages[0]
    assert StateChange.objects.for_object(ticket).count() == 1


@pytest.mark.django_db
def test_available_moves_are_the_ones_the_user_may_make_from_here(staff, resident):
    ticket = make(S.NEW)
    assert [m.target for m in available_moves(ticket, by=staff)] == [S.OPEN, S.CANCELLED]
    assert available_moves(ticket, by=resident) == []
    assert [m.target for m in available_moves(ticket, by=None)] == [S.CANCELLED]


def test_maps_are_checked_when_declared():
    with pytest.raises(ImproperlyConfigured, match="unknown state"):
        Workflow(model=Ticket, can=lambda *a: True, moves=[Move("new", "lost", "x")])
    with pytest.raises(ImproperlyConfigured, match="twice"):
        Workflow(model=Ticket, can=lambda *a: True, moves=[Move("new", "open", "x"), Move("new", "open", "y")])
    with pytest.raises(ImproperlyConfigured, match="needs an action or system"):
        Move("new", "open")
    assert workflow_for(Ticket) is TICKET_WORKFLOW


@pytest.mark.django_db
def test_the_walk_catches_a_service_that_forgets_the_history(staff, monkeypatch):
    monkeypatch.setattr(workflow_services.StateChange.objects, "create", lambda **kw: StateChange(**kw))
    with pytest.raises(AssertionError):
        walk_workflow(TICKET_WORKFLOW, make=make, by=staff)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency tests run on PostgreSQL")
def test_two_concurrent_movers_cannot_both_win(staff, monkeypatch):
    ticket = make(S.NEW)
    barrier = threading.Barrier(2, timeout=10)
    real_get = workflow_services.workflow_for

    def read_then_wait(obj):
        barrier.wait()  # both movers have read the ticket as "new" before either locks it
        return real_get(obj)

    monkeypatch.setattr(workflow_services, "workflow_for", read_then_wait)
    outcomes: list[str] = []

    def move(target, reason):
        try:
            transition(Ticket.objects.get(pk=ticket.pk), to=target, by=staff, reason=reason)
            outcomes.append("moved")
        except TransitionConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=move, args=(S.OPEN, "")),
        threading.Thread(target=move, args=(S.CANCELLED, "weg")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert sorted(outcomes) == ["conflict", "moved"]
    assert StateChange.objects.for_object(ticket).count() == 1
    assert Ticket.objects.get(pk=ticket.pk).status == StateChange.objects.get().target


@pytest.mark.django_db
def test_anonymising_the_history_blanks_reasons_and_keeps_the_moves(staff):
    ticket, other = make(S.NEW), make(S.NEW)
    transition(ticket, to=S.CANCELLED, by=staff, reason="mevrouw verhuist naar Zwolle")
    transition(other, to=S.CANCELLED, by=staff, reason="dubbel")
    assert workflow_services.history_anonymise(obj=ticket) == 1
    assert list(StateChange.objects.for_object(ticket).values_list("target", "reason")) == [("cancelled", "")]
    assert StateChange.objects.for_object(other).get().reason == "dubbel"


@pytest.mark.django_db
def test_by_default_the_projects_policy_decides_and_an_unknown_action_raises(world):
    from wijkkracht.accounts.policy import UnknownAction
    from wijkkracht.places.permissions import Action as PlacesAction

    with_policy = Workflow(
        model=Ticket, moves=[Move("new", "open", PlacesAction.CENTRE_CREATE), Move("open", "done", "x.y")]
    )
    ticket = make(S.NEW)
    assert with_policy.allows(world.users["administrator"], with_policy.move("new", "open"), ticket) is True
    assert with_policy.allows(world.users["professional_a"], with_policy.move("new", "open"), ticket) is False
    with pytest.raises(UnknownAction):
        with_policy.allows(world.users["administrator"], with_policy.move("open", "done"), ticket)


def _posted(user, **data):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    request = RequestFactory().post("/", data)
    request.user = user
    request._messages = CookieStorage(request)
    return request


TICKET_MOVES = {
    S.OPEN: lambda ticket, user, reason: transition(ticket, to=S.OPEN, by=user, reason=reason),
    S.CANCELLED: lambda ticket, user, reason: transition(ticket, to=S.CANCELLED, by=user, reason=reason),
}


@pytest.mark.django_db
def test_post_move_applies_the_posted_move_through_its_service_and_says_so(staff):
    from wijkkracht.workflow.web import history, post_move

    ticket = make(S.NEW)
    request = _posted(staff, to="open", reason=" gezien ")
    response = post_move(request, ticket, TICKET_MOVES, success="Nu: %(status)s.", redirect_to="/ticket/")
    assert (response.status_code, response.url) == (302, "/ticket/")
    assert [str(m) for m in request._messages] == ["Nu: in behandeling."]
    assert [(c.source_label, c.target_label, c.reason) for c in history(ticket)] == [
        ("nieuw", "in behandeling", "gezien")
    ]


@pytest.mark.django_db
def test_post_move_shows_a_refusal_on_the_page_and_changes_nothing(staff, resident):
    from django.core.exceptions import PermissionDenied

    from wijkkracht.workflow.web import move_buttons, post_move

    ticket = make(S.NEW)
    for data, message in [
        ({"to": "done"}, "Deze stap bestaat niet."),  # not in the view's moves
        ({"to": "cancelled", "reason": ""}, "Geef een reden op voor de stap naar ‘geannuleerd’."),
        ({"to": "cancelled", "reason": "x" * 2001}, "De reden is te lang: hoogstens 2000 tekens."),
    ]:
        request = _posted(staff, **data)
        post_move(request, ticket, TICKET_MOVES, success="Nu: %(status)s.", redirect_to="/")
        assert [str(m) for m in request._messages] == [message]
    with pytest.raises(PermissionDenied):  # a move the user may not make stays a 403
        post_move(_posted(resident, to="open"), ticket, TICKET_MOVES, success="", redirect_to="/")
    assert Ticket.objects.get(pk=ticket.pk).status == S.NEW
    assert StateChange.objects.count() == 0
    assert [label for _move, label in move_buttons(ticket, staff, {"open": "Oppakken", "cancelled": "Weg"})] == [
        "Oppakken",
        "Weg",
    ]
    from django.contrib.auth.models import AnonymousUser

    assert move_buttons(ticket, AnonymousUser(), {}) == []


@pytest.mark.django_db
def test_post_move_reads_the_new_state_from_a_fresh_copy_the_service_returns(staff):
    from wijkkracht.workflow.web import post_move

    def fresh(ticket, user, reason):
        copy = Ticket.objects.get(pk=ticket.pk)  # e.g. a service that reloads (and locks) the row first
        transition(copy, to=S.OPEN, by=user)
        return copy

    request = _posted(staff, to="open")
    post_move(request, make(S.NEW), {S.OPEN: fresh}, success="Nu: %(status)s.", redirect_to="/")
    assert [str(m) for m in request._messages] == ["Nu: in behandeling."]
