from __future__ import annotations

from typing import Self

from django.contrib.contenttypes.models import ContentType
from django.db import models


class StateChangeQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> Self:
        """The history of one object, oldest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
        )

    def for_model(self, model: type[models.Model]) -> Self:
        return self.filter(content_type=ContentType.objects.get_for_model(model, for_concrete_model=False))

    def latest_first(self) -> Self:
        return self.order_by("-at", "-pk")
