"""Every write to the board goes through here. Audit events carry public ids, kinds and states, never the text
or a name. Public text (a post, a public reply) may not hold a phone number or an e-mail address: the whole
district reads it; a private reply may."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.policy import is_authenticated
from wijkkracht.accounts.policy import require_actor as _check
from wijkkracht.audit.services import audit_record
from wijkkracht.support import services as support_services
from wijkkracht.workflow.services import locked, transition

from .constants import AuditAction, PostKind, PostStatus
from .models import BoardPost, BoardReply
from .permissions import Action

EMAIL_RE = re.compile(r"[^\s@]+@[^\s@]+\.[a-z]{2,}", re.IGNORECASE)
PHONE_RE = re.compile(r"(?:\+|\b)\d(?:[\s.\-()]*\d){7,}")


def _clean(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _no_contact_details(**fields: str) -> None:
    """Refuse public text with a phone number or an e-mail address in it (the whole district reads it)."""
    errors = {
        name: _(
            "Zet hier geen telefoonnummer of e-mailadres: iedereen kan dit lezen. Geef het in een reactie "
            "die alleen de schrijver leest."
        )
        for name, value in fields.items()
        if EMAIL_RE.search(value or "") or PHONE_RE.search(value or "")
    }
    if errors:
        raise ValidationError(errors)


def _writer(actor, author):
    """The account that writes: the actor, or for the system (the demo seed) the account it names."""
    writer = actor if is_authenticated(actor) else author
    if writer is None:
        raise ValidationError(_("Log in om op het prikbord te schrijven."))
    return writer


@transaction.atomic
def board_post_create(
    *, actor, district, kind: str, title: str, body: str = "", author_name: str, author=None, synthetic: bool = False
) -> BoardPost:
    """A resident puts a small ask or offer on a district's board."""
    _check(actor, Action.WRITE, district)
    if kind not in PostKind.values:
        raise ValidationError({"kind": _("Kies: een vraag of een aanbod.")})
    post = BoardPost(
        district=district,
        kind=kind,
        title=_clean(title),
        body=_clean(body),
        author=_writer(actor, author),
        author_name=_clean(author_name),
        synthetic=synthetic,
    )
    post.full_clean()
    _no_contact_details(title=post.title, body=post.body)
    post.save()
    audit_record(actor=actor, action=AuditAction.POST_CREATE, obj=post, district=str(district.public_id), kind=kind)
    return post


@transaction.atomic
def board_post_solve(*, post: BoardPost, actor, reason: str = "") -> BoardPost:
    transition(post, to=PostStatus.SOLVED, by=actor, reason=reason)
    return post


@transaction.atomic
def board_post_reopen(*, post: BoardPost, actor, reason: str = "") -> BoardPost:
    """Open again: a solved post the author still needs, or a hidden post a moderator restores."""
    transition(post, to=PostStatus.OPEN, by=actor, reason=reason)
    if post.hidden_reason:
        post.hidden_reason = ""
        post.save(update_fields=["hidden_reason", "updated_at"])
    return post


@transaction.atomic
def board_post_hide(*, post: BoardPost, actor, reason: str) -> BoardPost:
    """A moderator hides a post; the author sees why."""
    reason = _clean(reason)
    transition(post, to=PostStatus.HIDDEN, by=actor, reason=reason)
    post.hidden_reason = reason[:300]
    post.full_clean()
    post.save(update_fields=["hidden_reason", "updated_at"])
    return post


@transaction.atomic
def board_reply_create(
    *, post: BoardPost, actor, body: str, author_name: str, private: bool = False, author=None, synthetic: bool = False
) -> BoardReply:
    """Answer a post: publicly, or only for the post's author."""
    _check(actor, Action.REPLY, post)
    row = locked(post)
    if row.status != PostStatus.OPEN:
        raise ValidationError(_("Op dit bericht kunt u niet meer reageren: het is opgelost of gesloten."))
    reply = BoardReply(
        post=row,
        author=_writer(actor, author),
        author_name=_clean(author_name),
        body=_clean(body),
        private=bool(private),
        synthetic=synthetic,
    )
    reply.full_clean()
    if not reply.private:
        _no_contact_details(body=reply.body)
    reply.save()
    audit_record(
        actor=actor, action=AuditAction.REPLY_CREATE, obj=post, reply=str(reply.public_id), private=reply.private
    )
    return reply


@transaction.atomic
def board_reply_hide(*, reply: BoardReply, actor, reason: str) -> BoardReply:
    """A moderator hides a reply with a reason (the writer sees it is hidden, and why)."""
    _check(actor, Action.MODERATE, reply.post)
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Schrijf op waarom u de reactie verbergt.")})
    row = locked(reply)
    if row.hidden_at is not None:
        raise ValidationError(_("Deze reactie is al verborgen."))
    row.hidden_at, row.hidden_by, row.hidden_reason = timezone.now(), actor if is_authenticated(actor) else None, reason
    row.full_clean()
    row.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(actor=actor, action=AuditAction.REPLY_HIDE, obj=reply.post, reply=str(reply.public_id))
    return row


@transaction.atomic
def board_post_hand_over(*, post: BoardPost, actor, neighbourhood, channel: str, **data):
    """An open ask becomes a help request, taken by a professional of the district after they spoke to the
    resident (support's own service writes it); the post leaves the public board. Returns the help request."""
    _check(actor, Action.HAND_OVER, post)
    row = locked(post)
    if row.status != PostStatus.OPEN or row.kind != PostKind.ASK:
        raise ValidationError(_("Alleen een open vraag kan een hulpvraag worden."))
    if neighbourhood.district_id != row.district_id:
        raise ValidationError({"neighbourhood": _("Kies een buurt in de wijk van het bericht.")})
    help_request = support_services.help_request_take(
        actor=actor, neighbourhood=neighbourhood, channel=channel, resident=row.author, **data
    )
    row.help_request = help_request
    row.save(update_fields=["help_request", "updated_at"])
    post.help_request = help_request
    transition(post, to=PostStatus.HANDED_OVER, by=actor)
    audit_record(actor=actor, action=AuditAction.POST_HAND_OVER, obj=post, help_request=str(help_request.public_id))
    return help_request
