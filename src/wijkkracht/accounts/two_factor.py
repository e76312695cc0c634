"""Who must pass the second step of login, and which views are open before it.

The rule, in one place (docs/accounts.md):
- a user with a confirmed authenticator app is asked for it at every login, whatever their role;
- a staff role must have one when WIJKKRACHT_REQUIRE_STAFF_2FA is on, and is sent to set it up;
- a view that needs no second factor says so itself with @second_factor_exempt (the login steps, logout,
  the language switch); TwoFactorRequiredMiddleware sends every other view back to the second step.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings

from .scope import scope_of
from .services import has_second_factor

VERIFY = "accounts:otp_verify"
SETUP = "accounts:otp_setup"


def second_factor_exempt[V: Callable[..., Any]](view: V) -> V:
    """Mark a view as reachable before the second step of login (the original view is not changed)."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return view(*args, **kwargs)

    wrapped.second_factor_exempt = True  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def is_exempt(view: Callable[..., Any]) -> bool:
    return bool(getattr(view, "second_factor_exempt", False))


def is_verified(user: Any) -> bool:
    # OTPMiddleware adds is_verified() per request; a user logged in during this request lacks it.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def second_factor_step(user: Any) -> str | None:
    """The URL name of the step this user must pass before anything else, or None when they may go on."""
    if not getattr(user, "is_authenticated", False) or is_verified(user):
        return None
    if has_second_factor(user):
        return VERIFY
    if settings.WIJKKRACHT_REQUIRE_STAFF_2FA and scope_of(user).is_staff_role:
        return SETUP
    return None
