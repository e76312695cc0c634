"""Audit actions are constants: each app declares its events once, with a Dutch label (English through gettext),
and every entry point (view, admin, command, task) writes the same name for the same event.

    # <app>/constants.py
    from wijkkracht.audit.events import audit_actions

    @audit_actions
    class AuditAction(models.TextChoices):
        ROOM_CREATED = "places.room_create", _("zaal toegevoegd")

    audit_record(actor=actor, action=AuditAction.ROOM_CREATED, obj=room)

The audit trail shows `action_label(code)`; a code nobody registered is shown as it is.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise

_LABELS: dict[str, str | Promise] = {}


def audit_actions[C: type[models.TextChoices]](choices: C) -> C:
    """Register an app's audit actions (a TextChoices). A code registered twice with another label is an error."""
    for member in choices:
        known = _LABELS.get(member.value)
        if known is not None and str(known) != str(member.label):
            raise ValueError(f"Audit action {member.value} is registered twice with different labels")
        _LABELS[member.value] = member.label
    return choices


def _discover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("constants")


def registered_actions() -> dict[str, str | Promise]:
    _discover()
    return dict(_LABELS)


def action_label(code: str) -> str:
    """The event in words, in the active language; the code itself when nobody registered it."""
    label = _LABELS.get(code)
    if label is None:
        _discover()
        label = _LABELS.get(code)
    return str(label) if label is not None else code
