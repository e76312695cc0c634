from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from wijkkracht.accounts.policy import require
from wijkkracht.validators import add_service_errors

from . import geometry, maps, nearby, services
from . import search as place_search
from .forms import CentreForm, OpeningHoursFormSet, RoomForm
from .models import CommunityCentre, District, Municipality, Neighbourhood, OpeningHours, PopulationFigure, Room
from .permissions import Action, can
from .query import attach_shapes


def _latest_figures(codes: list[str]) -> dict[str, PopulationFigure]:
    """The newest population figure per CBS code, in one query (the query layer's domain verb)."""
    return PopulationFigure.objects.latest_by_code(codes)


def _home_municipality():
    return Municipality.objects.filter(cbs_code=settings.WIJKKRACHT_MUNICIPALITY).first()


@require_GET
def home(request):
    municipality = _home_municipality()
    districts = []
    centres = []
    view_box = ""
    label_size = 0.0
    markers = []
    if municipality:
        districts = attach_shapes(list(District.objects.in_municipality(municipality)))
        centres = list(
            CommunityCentre.objects.filter(district__municipality=municipality)
            .select_related("district")
            .only("public_id", "slug", "name", "focus", "lon", "lat", "district__name", "district__slug")
        )
        markers = maps.markers(centres)
        if any(d.bbox for d in districts):
            view_box = geometry.view_box(geometry.union_bbox(d.bbox for d in districts))
            label_size = maps.label(districts, view_box, markers)
    return render(
        request,
        "places/home.html",
        {
            "municipality": municipality,
            "districts": districts,
            "centres": centres,
            "markers": markers,
            "view_box": view_box,
            "label_size": label_size,
            "postcode_table_loaded": place_search.postcode_table_loaded() if municipality else False,
        },
    )


@require_safe
def district_moved(request, public_id):
    """The old address of a district (its UUID) moved for good to the readable one."""
    district = get_object_or_404(District.objects.only("slug"), public_id=public_id)
    return _moved(request, district.url)


@require_GET
def neighbourhood(request, slug):
    """A neighbourhood's own page (/buurten/randwijck-west/): where it lies in its district, its CBS figures
    beside its district's and the city's, the nearest centres, the council that covers it and what is on."""
    require(request.user, Action.VIEW)
    found = get_object_or_404(Neighbourhood.objects.select_related("district__municipality"), slug=slug)
    district = found.district
    municipality = district.municipality
    siblings = list(district.neighbourhoods.only("slug", "name", "cbs_code", "district_id"))
    attach_shapes([district, *siblings])
    for n in siblings:
        n.url = n.get_absolute_url()
    all_centres = list(
        CommunityCentre.objects.filter(district__municipality_id=district.municipality_id)
        .select_related("district")
        .prefetch_related("councils")
        .only("public_id", "slug", "name", "focus", "lon", "lat", "district__name", "district__slug")
    )
    own_centres = [c for c in all_centres if c.district_id == district.pk]
    lon, lat = found.centroid_lon, found.centroid_lat
    if lon is None or lat is None:
        lon, lat = district.centroid_lon, district.centroid_lat
    nearest = nearby.nearest_centres(lon, lat, all_centres) or own_centres[: nearby.NEAREST]
    councils, council_via = nearby.covering_councils(district, nearest)
    latest = _latest_figures([found.cbs_code, district.cbs_code, municipality.cbs_code])
    rows = [
        (label, latest[code])
        for label, code in (
            (_("Buurt %(name)s") % {"name": found.name}, found.cbs_code),
            (_("Wijk %(name)s") % {"name": district.name}, district.cbs_code),
            (_("Heel %(name)s") % {"name": municipality.name}, municipality.cbs_code),
        )
        if code in latest
    ]
    known = [f for _label, f in rows]
    markers = maps.markers(own_centres)
    view_box = geometry.view_box(district.bbox) if district.bbox else ""
    label_size = maps.label(siblings, view_box, markers) if view_box else 0.0
    return render(
        request,
        "places/neighbourhood.html",
        {
            "neighbourhood": found,
            "district": district,
            "municipality": municipality,
            "siblings": siblings,
            "others": [n for n in siblings if n.pk != found.pk],
            "shaped": any(n.pk == found.pk and n.svg_path for n in siblings),
            "view_box": view_box,
            "label_size": label_size,
            "markers": markers,
            "nearest": nearest,
            "own_centre_ids": {c.pk for c in own_centres},
            "councils": councils,
            "council_via": council_via,
            "figure": latest.get(found.cbs_code),
            "rows": rows,
            "any_synthetic": any(f.synthetic for f in known),
            "any_real": any(not f.synthetic for f in known),
            "sources": sorted({f.source for f in known if not f.synthetic and f.source}),
            "any_unknown": any(
                getattr(f, name) is None for f in known for name in ("inhabitants", *PopulationFigure.AGE_BANDS)
            ),
        },
    )


@require_safe
def centre_moved(request, public_id, rest=""):
    """The old addresses of a centre and its pages (UUID) moved for good to the readable ones."""
    centre = get_object_or_404(CommunityCentre.objects.only("slug"), public_id=public_id)
    return _moved(request, centre.url + rest)


def _moved(request, url: str):
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@require_GET
def district_detail(request, slug):
    district = get_object_or_404(District.objects.select_related("municipality"), slug=slug)
    neighbourhoods = list(district.neighbourhoods.all())
    city = list(District.objects.in_municipality(district.municipality_id).only("name", "slug", "cbs_code"))
    attach_shapes([district, *neighbourhoods, *city])
    # Every centre of the municipality with its councils: this district's own, or else the nearest ones.
    all_centres = list(
        CommunityCentre.objects.filter(district__municipality_id=district.municipality_id)
        .select_related("district")
        .prefetch_related("councils")
        .only("public_id", "slug", "name", "focus", "lon", "lat", "district__name", "district__slug")
    )
    centres = [c for c in all_centres if c.district_id == district.pk]
    nearest = [] if centres else nearby.nearest_centres(district.centroid_lon, district.centroid_lat, all_centres)
    councils, council_via = nearby.covering_councils(district, nearest)
    figures = _latest_figures([district.cbs_code] + [n.cbs_code for n in neighbourhoods])
    for n in neighbourhoods:
        n.figure = figures.get(n.cbs_code)
        n.url = f"#{n.anchor}"  # the map shape leads to its row; the row's name to the neighbourhood's page
        n.page_url = n.get_absolute_url()
    markers = maps.markers(centres)
    view_box = geometry.view_box(district.bbox) if district.bbox else ""
    label_size = maps.label(neighbourhoods, view_box, markers) if view_box else 0.0
    city_box = geometry.view_box(geometry.union_bbox(d.bbox for d in city)) if any(d.bbox for d in city) else ""
    for d in city:
        d.current = d.pk == district.pk
    return render(
        request,
        "places/district.html",
        {
            "district": district,
            "neighbourhoods": neighbourhoods,
            "centres": centres,
            "nearest": nearest,
            "councils": councils,
            "council_via": council_via,
            "markers": markers,
            "figure": figures.get(district.cbs_code),
            "view_box": view_box,
            "label_size": label_size,
            "city": city,
            "city_view_box": city_box,
        },
    )


@require_GET
def centre_detail(request, slug):
    centre = get_object_or_404(
        CommunityCentre.objects.select_related("district").prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")), "rooms"
        ),
        slug=slug,
    )
    return render(
        request,
        "places/centre.html",
        {
            "centre": centre,
            "can_change": can(request.user, Action.CENTRE_CHANGE, centre),
            "can_set_hours": can(request.user, Action.CENTRE_HOURS_SET, centre),
            "can_manage_rooms": can(request.user, Action.ROOM_MANAGE, centre),
        },
    )


@require_GET
def search(request):
    """Find a district by name, everyday name, neighbourhood, centre or postcode. A GET form: works without
    JavaScript, and the address of a search can be shared."""
    municipality = _home_municipality()
    query = request.GET.get("q", "")
    loaded = place_search.postcode_table_loaded()
    result = (
        place_search.find(query, municipality, postcode_table_loaded=loaded) if municipality and query.strip() else None
    )
    return render(
        request,
        "places/search.html",
        {"query": query.strip()[:100], "result": result, "postcode_table_loaded": loaded},
    )


AGE_BANDS = (
    # (field, label): CBS bands, written as a person says them ("0 t/m 14", not "0–15").
    ("age_0_15", "0_14"),
    ("age_15_25", "15_24"),
    ("age_25_45", "25_44"),
    ("age_45_65", "45_64"),
    ("age_65_plus", "65_plus"),
)


@require_GET
def figures(request):
    municipality = _home_municipality()
    districts = (
        list(District.objects.in_municipality(municipality).only("public_id", "slug", "name", "cbs_code"))
        if municipality
        else []
    )
    latest = _latest_figures([d.cbs_code for d in districts] + ([municipality.cbs_code] if municipality else []))
    rows = [(d, latest.get(d.cbs_code)) for d in districts]
    total = latest.get(municipality.cbs_code) if municipality else None
    known = [f for f in latest.values()]
    largest = max((f.inhabitants or 0 for _d, f in rows if f), default=0)
    chart = [
        {
            "district": d,
            "value": f.inhabitants,
            "width": round(100 * f.inhabitants / largest, 1) if largest and f.inhabitants else 0,
        }
        for d, f in rows
        if f is not None
    ]
    sources = sorted({f.source for f in known if not f.synthetic and f.source})
    return render(
        request,
        "places/figures.html",
        {
            "municipality": municipality,
            "rows": rows,
            "total": total,
            "chart": chart,
            "any_synthetic": any(f.synthetic for f in known),
            "all_synthetic": bool(known) and all(f.synthetic for f in known),
            "any_real": any(not f.synthetic for f in known),
            "sources": sources,
            "any_unknown": any(
                getattr(f, name) is None for f in known for name in ("inhabitants", *PopulationFigure.AGE_BANDS)
            ),
        },
    )


# --- Centre management: professionals serving the centre, and administrators --------------------------------


def _centre_to_change(request, slug, action: Action) -> CommunityCentre:
    centre = get_object_or_404(CommunityCentre.objects.select_related("district"), slug=slug)
    require(request.user, action, centre)
    return centre


def _room_to_change(request, slug, room_id) -> Room:
    centre = _centre_to_change(request, slug, Action.ROOM_MANAGE)
    room = get_object_or_404(Room.objects.filter(centre=centre), public_id=room_id)
    room.centre = centre
    return room


def _data(request):
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def centre_edit(request, slug):
    centre = _centre_to_change(request, slug, Action.CENTRE_CHANGE)
    form = CentreForm(_data(request), instance=centre)
    if request.method == "POST" and form.is_valid():
        try:
            services.centre_update(
                centre=centre, actor=request.user, **{name: form.cleaned_data[name] for name in services.CENTRE_FIELDS}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De gegevens van het wijkcentrum zijn opgeslagen."))
            return redirect(centre.url)
    return render(request, "places/centre_form.html", {"centre": centre, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def centre_hours(request, slug):
    centre = _centre_to_change(request, slug, Action.CENTRE_HOURS_SET)
    initial = [
        {"weekday": h.weekday, "opens": h.opens, "closes": h.closes}
        for h in centre.opening_hours.order_by("weekday", "opens")
    ]
    formset = OpeningHoursFormSet(_data(request), initial=initial, prefix="hours")
    if request.method == "POST" and formset.is_valid():
        try:
            services.opening_hours_replace(centre=centre, hours=formset.hours(), actor=request.user)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("De openingstijden zijn opgeslagen."))
            return redirect(centre.url)
    return render(request, "places/opening_hours_form.html", {"centre": centre, "formset": formset})


@login_required
@require_http_methods(["GET", "POST"])
def room_create(request, slug):
    centre = _centre_to_change(request, slug, Action.ROOM_MANAGE)
    form = RoomForm(_data(request), instance=Room(centre=centre), centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_create(centre=centre, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Zaal %(name)s is toegevoegd.") % {"name": room.name})
            return redirect(centre.url)
    return render(request, "places/room_form.html", {"centre": centre, "form": form, "room": None})


@login_required
@require_http_methods(["GET", "POST"])
def room_edit(request, slug, room_id):
    room = _room_to_change(request, slug, room_id)
    centre, room_name = room.centre, room.name
    form = RoomForm(_data(request), instance=room, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            services.room_update(room=room, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Zaal %(name)s is opgeslagen.") % {"name": room.name})
            return redirect(centre.url)
    return render(
        request, "places/room_form.html", {"centre": centre, "form": form, "room": room, "room_name": room_name}
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_delete(request, slug, room_id):
    room = _room_to_change(request, slug, room_id)
    centre = room.centre
    error = None
    if request.method == "POST":
        name = room.name
        try:
            services.room_delete(room=room, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Zaal %(name)s is verwijderd.") % {"name": name})
            return redirect(centre.url)
    return render(request, "places/room_confirm_delete.html", {"centre": centre, "room": room, "error": error})
