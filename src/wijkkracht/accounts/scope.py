"""What a user may see and do, computed once per request from their memberships.

Every app's permissions.py asks this object; nothing else reads Membership for access decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from .constants import STAFF_ROLES, Role


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str] = frozenset()
    council_ids: frozenset[int] = frozenset()
    council_district_ids: frozenset[int] = frozenset()
    # Professionals: the centres they serve and every district they serve (directly or through a centre).
    centre_ids: frozenset[int] = frozenset()
    district_ids: frozenset[int] = frozenset()
    # Organisations the user coordinates (not those that merely employ them).
    coordinated_organisation_ids: frozenset[int] = frozenset()
    employer_organisation_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()
    is_superuser: bool = False

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or Role.ADMINISTRATOR in self.roles

    @property
    def is_staff_role(self) -> bool:
        return self.is_superuser or bool(self.roles & STAFF_ROLES)

    def serves_centre(self, centre) -> bool:
        return Role.PROFESSIONAL in self.roles and (
            centre.pk in self.centre_ids or centre.district_id in self.district_ids
        )

    def serves_district(self, district_id: int) -> bool:
        return Role.PROFESSIONAL in self.roles and district_id in self.district_ids


ANONYMOUS = Scope()


def scope_of(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request (one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_wijkkracht_scope", None)
    if cached is not None:
        return cached
    from .models import Membership

    today = timezone.localdate()
    rows = (
        Membership.objects.filter(user=user, starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .values_list(
            "role",
            "council_id",
            "council__district_id",
            "centre_id",
            "centre__district_id",
            "district_id",
            "organisation_id",
            "municipality_id",
        )
    )
    roles, councils, council_districts, centres, districts, coordinated, employers, munis = (set() for _ in range(8))
    for role, council, council_district, centre, centre_district, district, org, muni in rows:
        roles.add(role)
        if role == Role.COUNCIL_MEMBER and council:
            councils.add(council)
            council_districts.add(council_district)
        if role == Role.PROFESSIONAL:
            if centre:
                centres.add(centre)
                districts.add(centre_district)
            if district:
                districts.add(district)
        if role == Role.COORDINATOR and org:
            coordinated.add(org)
        if role == Role.PROFESSIONAL and org:
            employers.add(org)
        if muni:
            munis.add(muni)
    scope = Scope(
        roles=frozenset(roles),
        council_ids=frozenset(councils),
        council_district_ids=frozenset(council_districts),
        centre_ids=frozenset(centres),
        district_ids=frozenset(districts),
        coordinated_organisation_ids=frozenset(coordinated),
        employer_organisation_ids=frozenset(employers),
        municipality_ids=frozenset(munis),
        is_superuser=user.is_superuser,
    )
    user._wijkkracht_scope = scope
    return scope
