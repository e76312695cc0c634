"""Choices of the board app (the small-questions board per district). The transition map lives in workflows.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit.events import audit_actions


class PostKind(models.TextChoices):
    ASK = "ask", _("vraag")
    OFFER = "offer", _("aanbod")


# The kind in a URL's query string (?soort=...), in Dutch like the rest of the path.
KIND_PARAM = {"vraag": PostKind.ASK, "aanbod": PostKind.OFFER}


class PostStatus(models.TextChoices):
    OPEN = "open", _("open")
    SOLVED = "solved", _("opgelost")
    HIDDEN = "hidden", _("verborgen")
    HANDED_OVER = "handed_over", _("doorgezet als hulpvraag")


# States anyone may read on the district's board.
PUBLIC_STATUSES = frozenset({PostStatus.OPEN, PostStatus.SOLVED})

TITLE_MAX = 120
BODY_MAX = 1000
REPLY_MAX = 1000
NAME_MAX = 40


class MoveLabel:
    """Button texts per target state."""

    LABELS = {
        PostStatus.SOLVED: _("Markeer als opgelost"),
        PostStatus.OPEN: _("Zet weer open"),
        PostStatus.HIDDEN: _("Verberg dit bericht"),
        PostStatus.HANDED_OVER: _("Maak er een hulpvraag van"),
    }


@audit_actions
class AuditAction(models.TextChoices):
    POST_CREATE = "board.post_create", _("bericht op het prikbord geplaatst")
    POST_STATUS = "board.post_status", _("status van een prikbordbericht gewijzigd")
    POST_HAND_OVER = "board.post_hand_over", _("prikbordbericht doorgezet als hulpvraag")
    REPLY_CREATE = "board.reply_create", _("reactie op het prikbord geplaatst")
    REPLY_HIDE = "board.reply_hide", _("reactie op het prikbord verborgen")
