"""The workflow rail for views: the buttons a user may press, the history, and one handler for a POSTed move.

    from wijkkracht.workflow.web import history, move_buttons, post_move

    PLAN_MOVES = {PlanStatus.SUBMITTED: lambda plan, user, reason: services.plan_submit(plan=plan, actor=user), ...}

    @login_required
    @require_POST
    def plan_transition(request, plan_id):
        plan = _plan(plan_id)
        require(request.user, Action.PLAN_VIEW, plan)
        return post_move(request, plan, PLAN_MOVES, success=_("Het plan is nu: %(status)s."), redirect_to=plan.url)

The template posts `to` (the target state) and optionally `reason`. A refused move (a `TransitionError`, or any
other `ValidationError` of the service) becomes an error message on the page the user is sent back to; a move
the user may not make (`TransitionForbidden`, a `PermissionDenied`) stays a 403.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .maps import Move, workflow_for
from .models import StateChange
from .services import available_moves

# A move's service, called as service(obj, user, reason): the app's domain verb (plan_submit, ...).
MoveService = Callable[[Any, Any, str], object]

REASON_MAX_LENGTH = 2000


def post_move(
    request: HttpRequest,
    obj: models.Model,
    moves: Mapping[str, MoveService],
    *,
    success: str | Mapping[str, str],
    redirect_to: str,
) -> HttpResponseRedirect:
    """Apply the move named by the POST's `to` through its service in `moves` (keyed by target state), with
    the POST's `reason`. On success the message `success % {"status": <the new state's label>}` (or
    `success[target]`, one per move; the state read from what the service returns when that is the object,
    else from `obj`); on a refusal the refusal's own message, nothing changed. Answers with a
    redirect to `redirect_to` either way."""
    target = request.POST.get("to", "")
    service = moves.get(target)
    reason = request.POST.get("reason", "").strip()
    if service is None:
        messages.error(request, _("Deze stap bestaat niet."))
    elif len(reason) > REASON_MAX_LENGTH:
        messages.error(request, _("De reden is te lang: hoogstens %(max)d tekens.") % {"max": REASON_MAX_LENGTH})
    else:
        try:
            result = service(obj, request.user, reason)
        except ValidationError as error:  # a TransitionError is one; TransitionForbidden (403) passes through
            messages.error(request, " ".join(error.messages))
        else:
            moved = result if isinstance(result, type(obj)) else obj  # a service may return a fresh copy
            workflow = workflow_for(moved)
            message = success if isinstance(success, str) else success[target]
            messages.success(request, message % {"status": workflow.label(getattr(moved, workflow.field))})
    return redirect(redirect_to)


def move_buttons(obj: models.Model, user, labels: Mapping[str, str]) -> list[tuple[Move, str]]:
    """The moves `user` may make from `obj`'s state, each with its button label (`labels[target]`).
    Anonymous visitors get none."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [(move, labels[move.target]) for move in available_moves(obj, by=user)]


def history(obj: models.Model) -> list[StateChange]:
    """`obj`'s moves, oldest first, each with `source_label` and `target_label` (the states' labels) and its
    actor. Show it only where the app's policy lets the user see the object's working details."""
    workflow = workflow_for(obj)
    changes = list(StateChange.objects.for_object(obj).select_related("actor"))
    for change in changes:
        change.source_label, change.target_label = workflow.label(change.source), workflow.label(change.target)
    return changes
