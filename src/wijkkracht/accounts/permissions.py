"""Policy for accounts: only administrators hand out and end roles; everyone manages their own account."""

from .scope import scope_of

SELF_ACTIONS = frozenset({"change_language", "setup_2fa"})


def can(user, action: str, obj=None) -> bool:
    scope = scope_of(user)
    if action in SELF_ACTIONS:
        return bool(getattr(user, "is_authenticated", False)) and (obj is None or obj == user)
    if action in {"membership_grant", "membership_end", "view_membership", "second_factor_reset"}:
        return scope.is_admin
    return False


def visible_to(user, qs):
    """Users or memberships this user may see: administrators all, others only their own."""
    if scope_of(user).is_admin:
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if qs.model._meta.model_name == "user":
        return qs.filter(pk=user.pk)
    return qs.filter(user=user)
