"""Raising concerns is throttled with the accounts throttle (ADR 0005): per account and per client address,
keyed by a keyed hash, never the address itself."""

from __future__ import annotations

from wijkkracht.accounts import throttle
from wijkkracht.accounts.throttle import Rule

RAISE_ACCOUNT = Rule("concerns.raise.account", limit=5, window=60 * 60)
RAISE_IP = Rule("concerns.raise.ip", limit=30, window=60 * 60)


def checks(request) -> list[tuple[Rule, str]]:
    return [
        (RAISE_ACCOUNT, throttle.digest("concerns", "account", str(request.user.pk))),
        (RAISE_IP, throttle.digest("concerns", "ip", throttle.client_ip(request))),
    ]


def wait_seconds(checks_: list[tuple[Rule, str]]) -> int:
    return throttle.wait_seconds(checks_)
