"""Policy for councils. A council's page is for its members, the professionals of its district and
administrators. Aggregates only: no personal data of residents appears here."""

from django.db.models import Q

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.scope import scope_of

from .models import Council


def can(user, action: str, obj: Council | None = None) -> bool:
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if action == "view" and obj is not None:
        return obj.pk in scope.council_ids or scope.serves_district(obj.district_id)
    return False


def visible_to(user, qs):
    scope = scope_of(user)
    if scope.is_admin:
        return qs
    served = scope.district_ids if scope.has(Role.PROFESSIONAL) else frozenset()
    return qs.filter(Q(pk__in=scope.council_ids) | Q(district_id__in=served))
