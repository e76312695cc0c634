"""The read side of the board. No access decisions here (see permissions.py)."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Count, Q

from .constants import PUBLIC_STATUSES, PostStatus


class BoardPostQuerySet(models.QuerySet):
    def public(self) -> Self:
        return self.filter(status__in=list(PUBLIC_STATUSES))

    def open(self) -> Self:
        return self.filter(status=PostStatus.OPEN)

    def in_district(self, district) -> Self:
        return self.filter(district=district)

    def of_kind(self, kind: str) -> Self:
        return self.filter(kind=kind)

    def by_author(self, user) -> Self:
        return self.filter(author=user)

    def for_board(self) -> Self:
        """Open first, then the newest; with the number of public replies (one query for a page)."""
        return self.annotate(
            public_replies=Count("replies", filter=Q(replies__hidden_at__isnull=True, replies__private=False))
        ).order_by(models.Case(models.When(status=PostStatus.OPEN, then=0), default=1), "-created_at", "-pk")


class BoardReplyQuerySet(models.QuerySet):
    def shown(self) -> Self:
        return self.filter(hidden_at__isnull=True)

    def of_post(self, post) -> Self:
        return self.filter(post=post)
