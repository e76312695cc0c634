"""Policy for organisations. A professional sees their own workplace; a coordinator sees which of the
organisation's professionals serve which centres and districts (names only: employer matters stay with the
employer, outside the platform)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.scope import scope_of


def can(user, action: str, obj=None) -> bool:
    scope = scope_of(user)
    if action == "view_workplace":
        return scope.has(Role.PROFESSIONAL)
    if action == "view_staff":
        # obj: an Organisation, or None for "some organisation"
        if not scope.has(Role.COORDINATOR):
            return False
        return obj is None or obj.pk in scope.coordinated_organisation_ids
    return False


def _active(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}starts_on__lte": today}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


def coordinated(user, qs: QuerySet) -> QuerySet:
    """The organisations in `qs` that `user` coordinates today (not those they merely work for)."""
    return qs.filter(pk__in=scope_of(user).coordinated_organisation_ids)


def visible_to(user, qs: QuerySet) -> QuerySet:
    """Organisations whose staff overview the user may see."""
    return coordinated(user, qs)


def staff_memberships(organisations, qs: QuerySet) -> QuerySet:
    """Today's professional memberships (of active accounts) in the given organisations."""
    return qs.filter(_active(), role=Role.PROFESSIONAL, organisation__in=organisations, user__is_active=True)
