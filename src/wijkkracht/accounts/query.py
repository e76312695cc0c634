"""Reads of accounts: memberships by what they mean (active today, professionals of an organisation, serving
a centre)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Self

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .constants import Role


class MembershipQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> Self:
        """Memberships valid on `on` (default today): started, and not ended before that day."""
        day = on or timezone.localdate()
        return self.filter(starts_on__lte=day).exclude(ends_on__lt=day)

    def ended(self, on: datetime.date | None = None) -> Self:
        day = on or timezone.localdate()
        return self.filter(ends_on__lt=day)

    def of_user(self, user) -> Self:
        return self.filter(user=user)

    def with_role(self, role: Role | str) -> Self:
        return self.filter(role=role)

    def professionals_of(self, organisations: Iterable) -> Self:
        """Professional memberships (of active accounts) employed by these organisations."""
        return self.filter(role=Role.PROFESSIONAL, organisation__in=list(organisations), user__is_active=True)

    def serving_centre(self, centre) -> Self:
        """Professional memberships that serve `centre`: naming it, or naming its whole district."""
        return self.filter(Q(centre=centre) | Q(district_id=centre.district_id), role=Role.PROFESSIONAL)

    def administrators(self) -> Self:
        return self.filter(role=Role.ADMINISTRATOR, user__is_active=True)
