from collections.abc import Iterable
from typing import Self

from django.db import models
from django.db.models import Q


class DistrictQuerySet(models.QuerySet):
    def in_municipality(self, municipality):
        return self.filter(municipality=municipality)


class CommunityCentreQuerySet(models.QuerySet):
    def in_district(self, district):
        return self.filter(district=district)

    def served_through(self, *, centre_ids: Iterable[int], district_ids: Iterable[int]) -> Self:
        """The centres a professional serves: those their memberships name, and every centre of a district a
        membership names (pass a Scope's centre_ids and district_ids)."""
        return self.filter(Q(pk__in=list(centre_ids)) | Q(district_id__in=list(district_ids)))


class PopulationFigureQuerySet(models.QuerySet):
    def latest_by_code(self, codes: Iterable[str]) -> dict:
        """The newest population figure per CBS code (codes without figures are left out), in one query."""
        latest: dict = {}
        for figure in self.filter(cbs_code__in=list(codes)).order_by("cbs_code", "-year"):
            latest.setdefault(getattr(figure, "cbs_code"), figure)  # noqa: B009 - the model is typed by the caller
        return latest


def attach_shapes(areas: list) -> list:
    """Give each area its map shape (`svg_path`, `bbox`; None when it has none) in one query."""
    from .models import AreaShape

    shapes = {
        code: (path, bbox)
        for code, path, bbox in AreaShape.objects.filter(cbs_code__in=[a.cbs_code for a in areas]).values_list(
            "cbs_code", "svg_path", "bbox"
        )
    }
    for area in areas:
        area.svg_path, area.bbox = shapes.get(area.cbs_code, ("", None))
    return areas
