"""The board post's transition map: open ⇄ solved (the author or a moderator), hidden by a moderator with a
reason and restored by one, and an open ask handed over as a help request (services.board_post_hand_over)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkkracht.workflow.maps import Move, Workflow, register

from .constants import AuditAction
from .constants import PostStatus as S
from .models import BoardPost
from .permissions import Action, can


def has_help_request(post: BoardPost) -> str | None:
    return None if post.help_request_id else _("Maak eerst de hulpvraag.")


BOARD_POST_WORKFLOW = register(
    Workflow(
        model=BoardPost,
        can=can,
        audit_action=AuditAction.POST_STATUS,
        moves=[
            Move(S.OPEN, S.SOLVED, Action.SOLVE),
            Move(S.SOLVED, S.OPEN, Action.SOLVE),
            Move(S.OPEN, S.HIDDEN, Action.MODERATE, reason_required=True),
            Move(S.SOLVED, S.HIDDEN, Action.MODERATE, reason_required=True),
            Move(S.HIDDEN, S.OPEN, Action.MODERATE),
            Move(S.OPEN, S.HANDED_OVER, Action.HAND_OVER, guard=has_help_request),
        ],
    )
)
