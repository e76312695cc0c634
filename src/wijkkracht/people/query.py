"""The read side of people: residents by what the other apps ask of them. No access decisions here (see
permissions.py); personal data is read only where a task needs it."""

from __future__ import annotations

from typing import Self

from django.db import models


class PersonQuerySet(models.QuerySet):
    def of_user(self, user) -> Self:
        """The Person of this account (at most one)."""
        return self.filter(user=user)

    def with_active_account(self, email: str) -> Self:
        """The resident whose active account has this e-mail address (at most one): "propose this resident"."""
        return self.filter(user__email=email.strip().lower(), user__is_active=True)

    def without_account(self) -> Self:
        """Residents known without an account (phone or desk intake, the demo's neighbours)."""
        return self.filter(user__isnull=True)

    def synthetic(self) -> Self:
        return self.filter(synthetic=True)

    def in_district(self, district) -> Self:
        """Residents whose neighbourhood lies in `district`."""
        return self.filter(neighbourhood__district=district)

    def in_neighbourhood(self, neighbourhood) -> Self:
        return self.filter(neighbourhood=neighbourhood)


def person_of(user):
    """The Person of a logged-in account, or None (anonymous, or an account without one). Reads `user.person`,
    which Django caches on the user: at most one query per request. The one copy: policies and views use it."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: an account without a Person
        return None
