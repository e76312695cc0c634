from django.db import models


class DistrictQuerySet(models.QuerySet):
    def in_municipality(self, municipality):
        return self.filter(municipality=municipality)


class CommunityCentreQuerySet(models.QuerySet):
    def in_district(self, district):
        return self.filter(district=district)


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
