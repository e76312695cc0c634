"""Policy for places. Areas, centres and rooms are public; changing a centre is for the professionals who
serve it and for administrators."""

from wijkkracht.accounts.scope import scope_of

PUBLIC_ACTIONS = frozenset({"view"})


def can(user, action: str, obj=None) -> bool:
    if action in PUBLIC_ACTIONS:
        return True
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if action in {"change_centre", "manage_rooms"} and obj is not None:
        return scope.serves_centre(obj)
    return False


def visible_to(user, qs):
    """Places are public information."""
    return qs
