"""Policy for the board.

Anyone reads the open and solved posts of a district (names there are only the ones authors chose). Writing
(a post, a reply) needs an account. The author marks their post solved or open again; the professionals who work
in the post's district moderate: they hide a post or a reply with a reason, mark it solved, and turn an ask into
a help request. A hidden or handed-over post is read only by its author and those professionals. A private reply
is read by its writer, the post's author and those professionals; a hidden reply only by its writer (with the
reason) and those professionals. Rules read the Scope and the objects' own
fields (a reply's post is loaded with it)."""

from __future__ import annotations

from django.db.models import Q

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import Policy, PolicyAction, is_authenticated

from .constants import PUBLIC_STATUSES, PostKind, PostStatus


class Action(PolicyAction):
    READ = "board.read"
    WRITE = "board.write"
    REPLY = "board.reply"
    READ_REPLY = "board.read_reply"
    SOLVE = "board.solve"
    MODERATE = "board.moderate"
    HAND_OVER = "board.hand_over"
    MINE = "board.mine"


policy = Policy(Action)


def is_author(user, post) -> bool:
    return is_authenticated(user) and post.author_id is not None and post.author_id == user.pk


def moderates(scope, post) -> bool:
    return scope.works_in_district(post.district_id)


def _is_moderator(scope) -> bool:
    return scope.has(Role.PROFESSIONAL) and bool(scope.work_district_ids)


@policy.rule(Action.READ)
def _read(user, scope, post) -> bool:
    if post is None:
        return True
    return post.status in PUBLIC_STATUSES or is_author(user, post) or moderates(scope, post)


@policy.filter(Action.READ)
def _readable(user, scope, qs):
    q = Q(status__in=list(PUBLIC_STATUSES))
    if is_authenticated(user):
        q |= Q(author_id=user.pk)
    if scope.has(Role.PROFESSIONAL):
        q |= Q(district_id__in=list(scope.work_district_ids))
    return qs.filter(q)


@policy.rule(Action.WRITE, Action.MINE)
def _write(user, scope, district) -> bool:
    """Any account, in any district (a resident may help in the next district too)."""
    return is_authenticated(user)


@policy.rule(Action.REPLY)
def _reply(user, scope, post) -> bool:
    if post is None:
        return is_authenticated(user)
    return is_authenticated(user) and post.status == PostStatus.OPEN


@policy.rule(Action.READ_REPLY)
def _read_reply(user, scope, reply) -> bool:
    if reply is None:
        return True
    if moderates(scope, reply.post):
        return True
    if reply.hidden_at is not None:  # its writer still sees it, marked hidden, with the reason
        return is_authenticated(user) and user.pk == reply.author_id
    if not reply.private:
        return True
    return is_authenticated(user) and user.pk in (reply.author_id, reply.post.author_id)


@policy.filter(Action.READ_REPLY)
def _readable_replies(user, scope, qs):
    q = Q(hidden_at__isnull=True, private=False)
    if is_authenticated(user):
        q |= Q(author_id=user.pk) | Q(hidden_at__isnull=True, post__author_id=user.pk)
    if scope.has(Role.PROFESSIONAL):
        q |= Q(post__district_id__in=list(scope.work_district_ids))
    return qs.filter(q)


@policy.rule(Action.SOLVE)
def _solve(user, scope, post) -> bool:
    if post is None:
        return is_authenticated(user)
    return is_author(user, post) or moderates(scope, post)


@policy.rule(Action.MODERATE)
def _moderate(user, scope, post) -> bool:
    """post may also be a reply's post; None: the moderation list (menu)."""
    if post is None:
        return _is_moderator(scope)
    return moderates(scope, post)


@policy.filter(Action.MODERATE)
def _moderated(user, scope, qs):
    districts = scope.work_district_ids if scope.has(Role.PROFESSIONAL) else frozenset()
    return qs.filter(district_id__in=list(districts))


@policy.rule(Action.HAND_OVER)
def _hand_over(user, scope, post) -> bool:
    """An open ask becomes a help request, taken by a professional of the district."""
    if post is None:
        return _is_moderator(scope)
    return moderates(scope, post) and post.kind == PostKind.ASK and post.status == PostStatus.OPEN


def can(user, action: Action, obj=None) -> bool:
    return policy.can(user, action, obj)


def visible_to(user, qs, action: Action = Action.READ):
    return policy.visible_to(user, qs, action)
