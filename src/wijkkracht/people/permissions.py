"""Policy for people. A resident sees and changes their own Person; administrators see everyone.
(Professionals' access to the residents of their district comes with the support app.)"""

from wijkkracht.accounts.scope import scope_of

from .models import Person

OWN_ACTIONS = frozenset({"view", "change", "export"})


def can(user, action: str, obj: Person | None = None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if obj is None:
        # The own-data pages: every logged-in user may see, change and download their own data.
        return action in OWN_ACTIONS
    if action in OWN_ACTIONS and obj.user_id == user.pk:
        return True
    return action == "view" and scope_of(user).is_admin


def visible_to(user, qs):
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if scope_of(user).is_admin:
        return qs
    return qs.filter(user=user)
