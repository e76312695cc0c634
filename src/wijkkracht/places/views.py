from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import geometry, services
from .forms import CentreForm, OpeningHoursFormSet, RoomForm
from .models import CommunityCentre, District, Municipality, OpeningHours, PopulationFigure, Room
from .permissions import Action, can
from .query import attach_shapes


def _latest_figures(codes: list[str]) -> dict[str, PopulationFigure]:
    """The newest population figure per CBS code, in one query (the query layer's domain verb)."""
    return PopulationFigure.objects.latest_by_code(codes)


@require_GET
def home(request):
    municipality = Municipality.objects.filter(cbs_code=settings.WIJKKRACHT_MUNICIPALITY).first()
    districts = []
    centres = []
    view_box = ""
    if municipality:
        districts = attach_shapes(list(District.objects.in_municipality(municipality)))
        centres = list(
            CommunityCentre.objects.filter(district__municipality=municipality)
            .select_related("district")
            .only("public_id", "name", "focus", "district__name", "district__public_id")
        )
        if any(d.bbox for d in districts):
            view_box = geometry.view_box(geometry.union_bbox(d.bbox for d in districts))
    return render(
        request,
        "places/home.html",
        {
            "municipality": municipality,
            "districts": districts,
            "centres": centres,
            "view_box": view_box,
        },
    )


@require_GET
def district_detail(request, public_id):
    district = get_object_or_404(District.objects.select_related("municipality"), public_id=public_id)
    neighbourhoods = list(district.neighbourhoods.all())
    attach_shapes([district, *neighbourhoods])
    centres = list(district.centres.all())
    figures = _latest_figures([district.cbs_code] + [n.cbs_code for n in neighbourhoods])
    for n in neighbourhoods:
        n.figure = figures.get(n.cbs_code)
    return render(
        request,
        "places/district.html",
        {
            "district": district,
            "neighbourhoods": neighbourhoods,
            "centres": centres,
            "figure": figures.get(district.cbs_code),
            "view_box": geometry.view_box(district.bbox) if district.bbox else "",
        },
    )


@require_GET
def centre_detail(request, public_id):
    centre = get_object_or_404(
        CommunityCentre.objects.select_related("district").prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")), "rooms"
        ),
        public_id=public_id,
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
def figures(request):
    municipality = Municipality.objects.filter(cbs_code=settings.WIJKKRACHT_MUNICIPALITY).first()
    districts = (
        list(District.objects.in_municipality(municipality).only("public_id", "name", "cbs_code"))
        if municipality
        else []
    )
    latest = _latest_figures([d.cbs_code for d in districts] + ([municipality.cbs_code] if municipality else []))
    rows = [(d, latest.get(d.cbs_code)) for d in districts]
    return render(
        request,
        "places/figures.html",
        {
            "municipality": municipality,
            "rows": rows,
            "total": latest.get(municipality.cbs_code) if municipality else None,
            "any_synthetic": any(f.synthetic for f in latest.values()),
        },
    )


# --- Centre management: professionals serving the centre, and administrators --------------------------------


def _centre_to_change(request, public_id, action: Action) -> CommunityCentre:
    centre = get_object_or_404(CommunityCentre.objects.select_related("district"), public_id=public_id)
    if not can(request.user, action, centre):
        raise PermissionDenied
    return centre


def _room_to_change(request, public_id, room_id) -> Room:
    centre = _centre_to_change(request, public_id, Action.ROOM_MANAGE)
    room = get_object_or_404(Room.objects.filter(centre=centre), public_id=room_id)
    room.centre = centre
    return room


def _data(request):
    return request.POST if request.method == "POST" else None


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, on its field where the form has that field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
def centre_edit(request, public_id):
    centre = _centre_to_change(request, public_id, Action.CENTRE_CHANGE)
    form = CentreForm(_data(request), instance=centre)
    if request.method == "POST" and form.is_valid():
        try:
            services.centre_update(
                centre=centre, actor=request.user, **{name: form.cleaned_data[name] for name in services.CENTRE_FIELDS}
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De gegevens van het wijkcentrum zijn opgeslagen."))
            return redirect(centre.url)
    return render(request, "places/centre_form.html", {"centre": centre, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def centre_hours(request, public_id):
    centre = _centre_to_change(request, public_id, Action.CENTRE_HOURS_SET)
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
def room_create(request, public_id):
    centre = _centre_to_change(request, public_id, Action.ROOM_MANAGE)
    form = RoomForm(_data(request), instance=Room(centre=centre), centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_create(centre=centre, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Zaal %(name)s is toegevoegd.") % {"name": room.name})
            return redirect(centre.url)
    return render(request, "places/room_form.html", {"centre": centre, "form": form, "room": None})


@login_required
@require_http_methods(["GET", "POST"])
def room_edit(request, public_id, room_id):
    room = _room_to_change(request, public_id, room_id)
    centre, room_name = room.centre, room.name
    form = RoomForm(_data(request), instance=room, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            services.room_update(room=room, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Zaal %(name)s is opgeslagen.") % {"name": room.name})
            return redirect(centre.url)
    return render(
        request, "places/room_form.html", {"centre": centre, "form": form, "room": room, "room_name": room_name}
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_delete(request, public_id, room_id):
    room = _room_to_change(request, public_id, room_id)
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
