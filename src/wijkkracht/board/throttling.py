"""Throttling the board with the accounts throttle (ADR 0005): counted in the database, keyed by a keyed hash of
the account or the client's address, never the address itself. Posting needs an account, so the account is the
main key; the address keeps many fresh accounts from one machine in check."""

from __future__ import annotations

from wijkkracht.accounts import throttle
from wijkkracht.accounts.throttle import Rule

# Windows stay within the throttle's longest window (one hour): older events are forgotten.
POST_ACCOUNT = Rule("board.post.account", limit=5, window=60 * 60)
REPLY_ACCOUNT = Rule("board.reply.account", limit=20, window=60 * 60)
WRITE_IP = Rule("board.write.ip", limit=60, window=60 * 60)


def checks(request, *, kind: str) -> list[tuple[Rule, str]]:
    """The rules for a post (`kind` "post") or a reply ("reply") from this request's account and address."""
    account = str(request.user.pk)
    rule = POST_ACCOUNT if kind == "post" else REPLY_ACCOUNT
    return [
        (rule, throttle.digest("board", kind, account)),
        (WRITE_IP, throttle.digest("board", "ip", throttle.client_ip(request))),
    ]


def wait_seconds(checks_: list[tuple[Rule, str]]) -> int:
    return throttle.wait_seconds(checks_)
