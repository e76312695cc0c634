"""Test helper: walk a whole transition map.

    from wijkkracht.workflow.testing import walk_workflow

    def test_plan_workflow(world):
        walk_workflow(PLAN_WORKFLOW, make=lambda state: PlanFactory(status=state),
                      by=lambda move: world.users["council_a"], denied_by=world.users["resident"])

For every pair of states (including a state to itself): an allowed move succeeds and leaves exactly one
history row; every other move is refused with TransitionNotAllowed and changes nothing. With `denied_by`, every
user move is refused to that user with TransitionForbidden and changes nothing; system-only moves are always
refused to users, and user-only moves to the system. With `blocked`, the guard of each listed move refuses an
object made not ready for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from .maps import GuardFailed, Move, TransitionForbidden, TransitionNotAllowed, Workflow
from .models import StateChange
from .services import transition


@dataclass
class Walk:
    allowed: int = 0
    refused: int = 0
    forbidden: int = 0
    guarded: int = 0


def _snapshot(workflow: Workflow, obj: models.Model) -> tuple:
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    return (
        str(getattr(fresh, workflow.field)),
        StateChange.objects.for_object(obj).count(),
        tuple(sorted((f.attname, repr(getattr(fresh, f.attname))) for f in fresh._meta.concrete_fields)),
    )


def _refused(workflow: Workflow, obj, *, to, by, reason, error) -> None:
    before = _snapshot(workflow, obj)
    try:
        transition(obj, to=to, by=by, reason=reason)
    except error as exc:
        assert str(exc), "a refusal needs a message"
    else:
        raise AssertionError(f"{workflow.model.__name__}: {before[0]} → {to} by {by!r} should be refused")
    assert _snapshot(workflow, obj) == before, f"a refused move {before[0]} → {to} changed something"


def walk_workflow(
    workflow: Workflow,
    *,
    make: Callable[[str], models.Model],
    by: Callable[[Move], object] | object,
    denied_by: object | None = None,
    blocked: dict[tuple[str, str], Callable[[], models.Model]] | None = None,
    reason: str = "Reden voor de test",
) -> Walk:
    """Walk every pair of states of `workflow`. `make(state)` returns a saved object in that state that passes
    every guard; `by` is a user allowed to make the moves (or `by(move)` returns one; None for system-only
    moves). Returns the counts, so a test can assert the walk covered the map."""
    walk = Walk()
    who = by if callable(by) else (lambda move: by)
    for source in workflow.states:
        for target in workflow.states:
            move = workflow.move(source, target)
            obj = make(source)
            if move is None:
                _refused(workflow, obj, to=target, by=who(None), reason=reason, error=TransitionNotAllowed)
                walk.refused += 1
                continue
            actor = who(move) if move.action is not None else None
            count = StateChange.objects.for_object(obj).count()
            change = transition(obj, to=target, by=actor, reason=reason)
            fresh = type(obj)._base_manager.get(pk=obj.pk)
            assert str(getattr(fresh, workflow.field)) == target
            assert StateChange.objects.for_object(obj).count() == count + 1
            assert (change.source, change.target, change.actor_id, change.reason) == (
                source,
                target,
                getattr(actor, "pk", None),
                reason,
            )
            walk.allowed += 1
            if move.action is not None and not move.system:
                _refused(workflow, make(source), to=target, by=None, reason=reason, error=TransitionForbidden)
                walk.forbidden += 1
            if denied_by is not None:
                _refused(workflow, make(source), to=target, by=denied_by, reason=reason, error=TransitionForbidden)
                walk.forbidden += 1
    for (source, target), make_blocked in (blocked or {}).items():
        move = workflow.move(source, target)
        assert move is not None and move.guard is not None, f"{source} → {target} has no guard to test"
        actor = who(move) if move.action is not None else None
        _refused(workflow, make_blocked(), to=target, by=actor, reason=reason, error=GuardFailed)
        walk.guarded += 1
    return walk
