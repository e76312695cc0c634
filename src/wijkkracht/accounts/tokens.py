"""Signed, expiring, single-use links for confirming an e-mail address (sign-up) and claiming an account
(invitation after desk registration).

The token names the account by its public id and carries a hash of the account's state (e-mail, password,
active, confirmed): once the link has been used the state changes and the token stops working. No e-mail
address is in the link. How long a link works depends on its kind.
"""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import User

SIGNUP = "signup"
INVITATION = "invitation"
MAX_AGE = {SIGNUP: 2 * 24 * 60 * 60, INVITATION: 14 * 24 * 60 * 60}
_SALT = "wijkkracht.accounts.confirm"


def _state(user: User) -> str:
    value = f"{user.pk}|{user.email}|{user.password}|{user.is_active}|{user.email_confirmed_at}"
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()[:24]


def make_token(user: User, kind: str) -> str:
    return signing.dumps([kind, user.public_id.hex, _state(user)], salt=_SALT)


def read_token(token: str) -> tuple[User, str] | None:
    """(account, kind) for a valid, unexpired, unused token; None otherwise."""
    try:
        kind, public_id, state = signing.loads(token, salt=_SALT, max_age=max(MAX_AGE.values()))
        age_limit = MAX_AGE[kind]
        signing.loads(token, salt=_SALT, max_age=age_limit)
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None
    user = User.objects.filter(public_id=public_id).first()
    if user is None or not constant_time_compare(state, _state(user)):
        return None
    return user, kind
