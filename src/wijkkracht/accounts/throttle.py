"""Throttling for login, sign-up and password reset (docs/accounts.md, "Throttling").

Counted attempts are rows of `ThrottleEvent`, keyed by a keyed hash (HMAC with the secret key) of what is
counted, so the table holds no e-mail or IP address and works across processes on SQLite and PostgreSQL.

A rule allows `limit` events per sliding `window`. When it is full:
- without `interval`, the next attempt waits until the oldest counted event leaves the window;
- with `interval`, the rule *slows down* instead of stopping: one more attempt every `interval` seconds.
The slow rules are the ones keyed by an account or an address alone: anyone can make attempts against
someone else's address, so those rules may only delay the owner, never lock them out.

Keys are computed from what was *typed* (the normalised address), never from whether an account exists,
so throttling behaves the same for known and unknown addresses and reveals nothing.
"""

from __future__ import annotations

import datetime
import ipaddress
import math
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone
from django.utils.crypto import get_random_string, salted_hmac

from .models import ThrottleEvent


@dataclass(frozen=True)
class Rule:
    scope: str
    limit: int
    window: int  # seconds
    interval: int = 0  # when full: one more attempt per `interval` seconds instead of none


# Login. A client is "trusted" for an address when it holds a device cookie from an earlier successful login
# with that address (OWASP: device cookies); it is then only limited on its own device key.
LOGIN_PAIR = Rule("login.pair", limit=5, window=15 * 60)  # (address, IP): the attacker's own door
LOGIN_IP = Rule("login.ip", limit=50, window=60 * 60)  # one IP trying many addresses
LOGIN_ACCOUNT = Rule("login.account", limit=20, window=60 * 60, interval=60)  # all untrusted IPs together
LOGIN_DEVICE = Rule("login.device", limit=10, window=15 * 60)  # a trusted device
# Sign-up and password reset: e-mail is sent, so the address is protected from being flooded.
RESET_IP = Rule("reset.ip", limit=10, window=60 * 60)
RESET_PAIR = Rule("reset.pair", limit=3, window=60 * 60)
RESET_ADDRESS = Rule("reset.address", limit=3, window=60 * 60, interval=10 * 60)
SIGNUP_IP = Rule("signup.ip", limit=10, window=60 * 60)
SIGNUP_PAIR = Rule("signup.pair", limit=3, window=60 * 60)
SIGNUP_ADDRESS = Rule("signup.address", limit=3, window=60 * 60, interval=10 * 60)

LONGEST_WINDOW = 60 * 60

DEVICE_COOKIE = "wk_device"
DEVICE_COOKIE_AGE = 180 * 24 * 60 * 60
_DEVICE_SALT = "wijkkracht.accounts.device"


def digest(*parts: str) -> str:
    """A keyed hash of the parts: stable for counting, says nothing without the secret key."""
    return salted_hmac("wijkkracht.throttle", "\x1f".join(parts), algorithm="sha256").hexdigest()[:40]


def normalise_address(value: str | None) -> str:
    return (value or "").strip().lower()


def client_ip(request) -> str:
    """The client's address as counted: IPv4 as is, IPv6 by its /64 (one subscriber holds a whole /64).

    Reads REMOTE_ADDR only: behind a reverse proxy the server must put the real client address there."""
    raw = request.META.get("REMOTE_ADDR", "") or ""
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw[:64]
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def wait_seconds(checks: list[tuple[Rule, str]], *, now: datetime.datetime | None = None) -> int:
    """How long the caller must wait before the next attempt: 0 when every rule lets it through."""
    now = now or timezone.now()
    longest = 0
    for rule, key in checks:
        recent = list(
            ThrottleEvent.objects.filter(
                scope=rule.scope, key=key, created_at__gt=now - datetime.timedelta(seconds=rule.window)
            )
            .order_by("-created_at")
            .values_list("created_at", flat=True)[: rule.limit]
        )
        if len(recent) < rule.limit:
            continue
        if rule.interval:
            free_at = recent[0] + datetime.timedelta(seconds=rule.interval)
        else:
            free_at = recent[-1] + datetime.timedelta(seconds=rule.window)
        longest = max(longest, math.ceil((free_at - now).total_seconds()))
    return max(longest, 0)


def record(checks: list[tuple[Rule, str]], *, now: datetime.datetime | None = None) -> None:
    """Count one attempt under every rule; forget attempts older than the longest window."""
    now = now or timezone.now()
    ThrottleEvent.objects.filter(created_at__lt=now - datetime.timedelta(seconds=LONGEST_WINDOW)).delete()
    ThrottleEvent.objects.bulk_create(ThrottleEvent(scope=rule.scope, key=key, created_at=now) for rule, key in checks)


def login_checks(request, address: str) -> list[tuple[Rule, str]]:
    """The rules that apply to a login attempt for `address` from this request."""
    address = normalise_address(address)
    device = trusted_device(request, address)
    if device:
        return [(LOGIN_DEVICE, digest("device", device))]
    ip = client_ip(request)
    return [
        (LOGIN_PAIR, digest("pair", address, ip)),
        (LOGIN_IP, digest("ip", ip)),
        (LOGIN_ACCOUNT, digest("account", address)),
    ]


def mail_checks(request, address: str, *, kind: str) -> list[tuple[Rule, str]]:
    """The rules for a request that sends e-mail (`kind` "reset" or "signup") to `address`."""
    address = normalise_address(address)
    ip = client_ip(request)
    ip_rule, pair_rule, address_rule = (
        (RESET_IP, RESET_PAIR, RESET_ADDRESS) if kind == "reset" else (SIGNUP_IP, SIGNUP_PAIR, SIGNUP_ADDRESS)
    )
    return [
        (ip_rule, digest(kind, "ip", ip)),
        (pair_rule, digest(kind, "pair", address, ip)),
        (address_rule, digest(kind, "address", address)),
    ]


def device_cookie_value(address: str) -> str:
    """A signed cookie saying: this browser logged in with this address before. Holds a hash, no address."""
    payload = {"a": digest("device-address", normalise_address(address)), "n": get_random_string(24)}
    return signing.dumps(payload, salt=_DEVICE_SALT)


def trusted_device(request, address: str) -> str:
    """The device's random id when the request carries a valid device cookie for this address, else ""."""
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return ""
    try:
        payload = signing.loads(raw, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_AGE)
    except signing.BadSignature:
        return ""
    if not isinstance(payload, dict) or payload.get("a") != digest("device-address", normalise_address(address)):
        return ""
    return str(payload.get("n", ""))
