from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from . import geometry
from .models import CommunityCentre, District, Municipality, OpeningHours, PopulationFigure
from .permissions import can


def _latest_figures(codes: list[str]) -> dict[str, PopulationFigure]:
    """The newest population figure per CBS code, in one query."""
    latest: dict[str, PopulationFigure] = {}
    for figure in PopulationFigure.objects.filter(cbs_code__in=codes).order_by("cbs_code", "-year"):
        latest.setdefault(figure.cbs_code, figure)
    return latest


@require_GET
def home(request):
    municipality = Municipality.objects.filter(cbs_code=settings.WIJKKRACHT_MUNICIPALITY).first()
    districts = []
    centres = []
    view_box = ""
    if municipality:
        districts = list(
            District.objects.filter(municipality=municipality).only("public_id", "name", "cbs_code", "svg_path", "bbox")
        )
        centres = list(
            CommunityCentre.objects.filter(district__municipality=municipality).select_related("district")
            .only("public_id", "name", "focus", "district__name", "district__public_id")
        )
        if districts:
            view_box = geometry.view_box(geometry.union_bbox(d.bbox for d in districts))
    return render(request, "places/home.html", {
        "municipality": municipality, "districts": districts, "centres": centres, "view_box": view_box,
    })


@require_GET
def district_detail(request, public_id):
    district = get_object_or_404(District.objects.select_related("municipality"), public_id=public_id)
    neighbourhoods = list(district.neighbourhoods.only("public_id", "name", "cbs_code", "svg_path", "bbox", "district_id"))
    centres = list(district.centres.all())
    figures = _latest_figures([district.cbs_code] + [n.cbs_code for n in neighbourhoods])
    for n in neighbourhoods:
        n.figure = figures.get(n.cbs_code)
    return render(request, "places/district.html", {
        "district": district,
        "neighbourhoods": neighbourhoods,
        "centres": centres,
        "figure": figures.get(district.cbs_code),
        "view_box": geometry.view_box(district.bbox) if district.bbox else "",
    })


@require_GET
def centre_detail(request, public_id):
    centre = get_object_or_404(
        CommunityCentre.objects.select_related("district").prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")), "rooms"
        ),
        public_id=public_id,
    )
    return render(request, "places/centre.html", {
        "centre": centre,
        "can_change": can(request.user, "change_centre", centre),
    })


@require_GET
def figures(request):
    municipality = Municipality.objects.filter(cbs_code=settings.WIJKKRACHT_MUNICIPALITY).first()
    districts = list(District.objects.filter(municipality=municipality).only("public_id", "name", "cbs_code")) if municipality else []
    latest = _latest_figures([d.cbs_code for d in districts] + ([municipality.cbs_code] if municipality else []))
    rows = [(d, latest.get(d.cbs_code)) for d in districts]
    return render(request, "places/figures.html", {
        "municipality": municipality,
        "rows": rows,
        "total": latest.get(municipality.cbs_code) if municipality else None,
        "any_synthetic": any(f.synthetic for f in latest.values()),
    })
