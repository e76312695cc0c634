"""What a user may see and do, computed once per request from their memberships.

Every app's permissions.py asks this object; nothing else reads Membership for access decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from .constants import STAFF_ROLES, Role


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str] = frozenset()
    council_ids: frozenset[int] = frozenset()
    council_district_ids: frozenset[int] = frozenset()
    # Professionals: the centres their memberships name, the districts their memberships name (all of it),
    # and the districts they work in at all (named, or holding a centre they serve). A centre never widens
    # to its district: serving one centre gives no rights over the district's other centres.
    centre_ids: frozenset[int] = frozenset()
    district_ids: frozenset[int] = frozenset()
    work_district_ids: frozenset[int] = frozenset()
    # Organisations the user coordinates (not those that merely employ them).
    coordinated_organisation_ids: frozenset[int] = frozenset()
    employer_organisation_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()
    is_superuser: bool = False

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_admin(self) -> bool:
        """Holds the administrator role today: the one definition (see accounts.policy.is_administrator)."""
        return Role.ADMINISTRATOR in self.roles

    @property
    def is_staff_role(self) -> bool:
        return self.is_superuser or bool(self.roles & STAFF_ROLES)

    def serves_centre(self, centre) -> bool:
        """A professional whose membership names this centre, or names its whole district."""
        return Role.PROFESSIONAL in self.roles and (
            centre.pk in self.centre_ids or centre.district_id in self.district_ids
        )

    def serves_district(self, district_id: int) -> bool:
        """A professional whose membership names this whole district."""
        return Role.PROFESSIONAL in self.roles and district_id in self.district_ids

    def works_in_district(self, district_id: int) -> bool:
        """A professional serving this district or one of its centres."""
        return Role.PROFESSIONAL in self.roles and district_id in self.work_district_ids


ANONYMOUS = Scope()


def scope_of(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request (one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_wijkkracht_scope", None)
    if cached is not None:
        return cached
    from .models import Membership

    rows = (
        Membership.objects.of_user(user)
        .active()
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
    roles, councils, council_districts, centres, districts, work_districts, coordinated, employers, munis = (
        set() for _ in range(9)
    )
    for role, council, council_district, centre, centre_district, district, org, muni in rows:
        roles.add(role)
        if role == Role.COUNCIL_MEMBER and council:
            councils.add(council)
            council_districts.add(council_district)
        if role == Role.PROFESSIONAL:
            if centre:
                centres.add(centre)
                work_districts.add(centre_district)
            if district:
                districts.add(district)
                work_districts.add(district)
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
        work_district_ids=frozenset(work_districts),
        coordinated_organisation_ids=frozenset(coordinated),
        employer_organisation_ids=frozenset(employers),
        municipality_ids=frozenset(munis),
        is_superuser=user.is_superuser,
    )
    user._wijkkracht_scope = scope
    return scope
