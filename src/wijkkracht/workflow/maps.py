"""Transition maps: which moves a model's state may make, which policy action may make each, and its guard.

An app declares one `Workflow` per model with states in `<app>/workflows.py` and registers it; the
transition service (`workflow.services.transition`) is the only code that changes such a state.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# guard(obj) -> None when the move may go ahead, else the (translated) reason why not.
Guard = Callable[[models.Model], str | None]
# The app's policy: can(user, action, obj) -> bool.
Policy = Callable[[object, Hashable, models.Model], bool]


class TransitionError(ValidationError):
    """A move that cannot be made. Carries a translated message; nothing was changed."""


class TransitionNotAllowed(TransitionError):
    """The map has no move from the current state to the requested one."""


class TransitionConflict(TransitionError):
    """Someone else moved the object since the caller read it (the caller's state is stale)."""


class GuardFailed(TransitionError):
    """The move exists, but its guard says the object is not ready for it."""


class ReasonRequired(TransitionError):
    """The move exists, but needs a reason and got none."""


class TransitionForbidden(PermissionDenied):
    """The move exists, but the policy does not let this user (or the system) make it. Views answer 403."""


@dataclass(frozen=True)
class Move:
    """One allowed move. `action` is the policy action a user needs (`can(user, action, obj)`); a move with
    `system=True` may also be made by the system (`by=None`: tasks, the scheduler). A move needs one of both."""

    source: str
    target: str
    action: Hashable | None = None
    system: bool = False
    guard: Guard | None = None
    reason_required: bool = False

    def __post_init__(self) -> None:
        if self.action is None and not self.system:
            raise ImproperlyConfigured(f"Move {self.source} → {self.target} needs an action or system=True.")

    def blocked_by(self, obj: models.Model) -> str | None:
        """The guard's reason why this move cannot be made now, or None."""
        return self.guard(obj) if self.guard is not None else None


@dataclass
class Workflow:
    """The transition map of one model: `field` holds the state (a CharField with choices), `moves` are the
    only allowed moves. Moves not in the map are refused. `can` defaults to the project's policy
    (`wijkkracht.accounts.policy.can`, so `action` is the app's `Action` member); pass another only in tests."""

    model: type[models.Model]
    moves: Iterable[Move]
    field: str = "status"
    can: Policy | None = None
    audit_action: str = ""
    _by_pair: dict[tuple[str, str], Move] = dataclass_field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.moves = tuple(self.moves)
        states = set(self.states)
        if not states:
            raise ImproperlyConfigured(f"{self.model.__name__}.{self.field} needs choices to be a workflow field.")
        self._by_pair = {}
        for move in self.moves:
            unknown = {move.source, move.target} - states
            if unknown:
                raise ImproperlyConfigured(f"{self.model.__name__}: unknown state(s) {sorted(unknown)} in a move.")
            if (move.source, move.target) in self._by_pair:
                raise ImproperlyConfigured(f"{self.model.__name__}: move {move.source} → {move.target} twice.")
            self._by_pair[(move.source, move.target)] = move
        if not self.audit_action:
            from .constants import AuditAction

            self.audit_action = AuditAction.TRANSITION

    @property
    def states(self) -> list[str]:
        return [str(value) for value, _label in self.model._meta.get_field(self.field).flatchoices]

    def label(self, state: str) -> str:
        return str(dict(self.model._meta.get_field(self.field).flatchoices).get(state, state))

    def move(self, source: str, target: str) -> Move | None:
        return self._by_pair.get((str(source), str(target)))

    def moves_from(self, source: str) -> list[Move]:
        return [m for m in self.moves if m.source == str(source)]

    def allows(self, by, move: Move, obj: models.Model) -> bool:
        """May `by` (a user, or None for the system) make this move on this object? Policy only, no guard."""
        if by is None:
            return move.system
        if move.action is None:
            return False
        if self.can is not None:
            return bool(self.can(by, move.action, obj))
        from wijkkracht.accounts.policy import can  # the project's one policy (unknown actions raise)

        return can(by, move.action, obj)


_REGISTRY: dict[type[models.Model], Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    """Register a model's workflow (call at import time of `<app>/workflows.py`). Returns it."""
    existing = _REGISTRY.get(workflow.model)
    if existing is not None and existing is not workflow:
        raise ImproperlyConfigured(f"{workflow.model.__name__} already has a workflow.")
    _REGISTRY[workflow.model] = workflow
    return workflow


def workflow_for(model_or_obj: type[models.Model] | models.Model) -> Workflow:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    try:
        return _REGISTRY[model]
    except KeyError:
        raise ImproperlyConfigured(f"{model.__name__} has no registered workflow.") from None


def registered() -> list[Workflow]:
    return list(_REGISTRY.values())


MESSAGES = {
    "not_allowed": _("Dit kan niet: van ‘%(source)s’ naar ‘%(target)s’ is geen toegestane stap."),
    "conflict": _("Dit kan niet meer: de status is intussen gewijzigd in ‘%(current)s’. Bekijk de nieuwe stand."),
    "reason_required": _("Geef een reden op voor de stap naar ‘%(target)s’."),
    "forbidden": _("U mag deze stap niet zetten: van ‘%(source)s’ naar ‘%(target)s’."),
}
