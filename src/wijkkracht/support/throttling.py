"""Throttling of the anonymous "Vraag hulp" form, with the accounts app's throttle (ADR 0005): counted in the
database under a keyed hash, no phone number or IP address stored, and never a lock-out.

- (phone number, IP): 3 requests an hour, then wait: the sender's own door, nobody else's.
- one IP: 10 requests an hour, then one more every 5 minutes: a community centre's or a library's shared
  address is slowed down, never shut.
- one phone number from any IP: 5 an hour, then one every 10 minutes: someone filling in your number
  elsewhere only slows it, never stops you asking.
Residents who are logged in are not throttled here (they ask under their own account)."""

from __future__ import annotations

from wijkkracht.accounts.throttle import Rule, client_ip, digest

ASK_PAIR = Rule("support.ask_pair", limit=3, window=60 * 60)
ASK_IP = Rule("support.ask_ip", limit=10, window=60 * 60, interval=5 * 60)
ASK_PHONE = Rule("support.ask_phone", limit=5, window=60 * 60, interval=10 * 60)


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone or "" if ch.isdigit())


def ask_checks(request, phone: str) -> list[tuple[Rule, str]]:
    ip, number = client_ip(request), _digits(phone)
    return [
        (ASK_PAIR, digest("support-ask", "pair", number, ip)),
        (ASK_IP, digest("support-ask", "ip", ip)),
        (ASK_PHONE, digest("support-ask", "phone", number)),
    ]
