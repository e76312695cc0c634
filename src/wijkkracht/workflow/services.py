"""The one transition service: every state change of every workflow model goes through `transition`."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from wijkkracht.audit.services import audit_record

from .maps import (
    MESSAGES,
    GuardFailed,
    Move,
    ReasonRequired,
    TransitionConflict,
    TransitionForbidden,
    TransitionNotAllowed,
    workflow_for,
)
from .models import StateChange


def locked[M: models.Model](obj: M) -> M:
    """`obj`'s row read again and locked (`select_for_update`) until the surrounding transaction ends.

    For a service that checks a state or a total before it writes (`assignment_progress`, a budget): call it
    inside `transaction.atomic()`, check the returned copy, write to it. On SQLite the lock is the transaction
    itself (IMMEDIATE). `transition` locks by itself: do not lock before calling it."""
    return type(obj)._base_manager.select_for_update().get(pk=obj.pk)


def transition(obj: models.Model, *, to: str, by, reason: str = "") -> StateChange:
    """Move `obj` to state `to` on behalf of `by` (a user, or None for the system) and record why.

    In one transaction: lock the row (select_for_update), check that the state in the database is still the
    one the caller read (else TransitionConflict), that the map has the move (else TransitionNotAllowed),
    that `by` may make it (else TransitionForbidden, a PermissionDenied), that its guard passes (else
    GuardFailed) and that a required reason is given (else ReasonRequired); then write the state, a
    StateChange row and an audit event. On any refusal nothing changes. On success `obj` carries the new state.
    """
    workflow = workflow_for(obj)
    field = workflow.field
    to = str(to)
    reason = (reason or "").strip()
    expected = str(getattr(obj, field))
    with transaction.atomic():
        row = locked(obj)
        current = str(getattr(row, field))
        labels = {"source": workflow.label(current), "target": workflow.label(to), "current": workflow.label(current)}
        if current != expected:
            raise TransitionConflict(MESSAGES["conflict"], code="conflict", params=labels)
        move: Move | None = workflow.move(current, to)
        if move is None:
            raise TransitionNotAllowed(MESSAGES["not_allowed"], code="not_allowed", params=labels)
        if not workflow.allows(by, move, row):
            raise TransitionForbidden(MESSAGES["forbidden"] % labels)
        blocked = move.blocked_by(row)
        if blocked:
            raise GuardFailed(blocked, code="guard")
        if move.reason_required and not reason:
            raise ReasonRequired(MESSAGES["reason_required"], code="reason_required", params=labels)

        setattr(row, field, to)
        row.full_clean()
        auto_now = [f.name for f in row._meta.concrete_fields if getattr(f, "auto_now", False)]
        row.save(update_fields=[field, *auto_now])
        change = StateChange.objects.create(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            field=field,
            source=current,
            target=to,
            actor=by if getattr(by, "is_authenticated", False) else None,
            reason=reason,
        )
        # The audit event carries the states, never the reason (which may hold personal data).
        audit_record(actor=by, action=workflow.audit_action, obj=row, source=current, target=to)
    setattr(obj, field, to)
    for name in auto_now:
        setattr(obj, name, getattr(row, name))
    return change


def available_moves(obj: models.Model, *, by) -> list[Move]:
    """The moves `by` may make from `obj`'s current state (policy only; the guard is checked on the move).
    For showing the buttons; the transition service checks everything again."""
    workflow = workflow_for(obj)
    return [m for m in workflow.moves_from(getattr(obj, workflow.field)) if workflow.allows(by, m, obj)]


def history_anonymise(*, obj: models.Model) -> int:
    """Blank the reasons in `obj`'s history (they may hold personal data); the moves themselves stay.
    For the anonymisation job of the owning app. Returns the number of rows changed."""
    return StateChange.objects.for_object(obj).exclude(reason="").update(reason="")
