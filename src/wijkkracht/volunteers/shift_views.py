"""Shifts: the volunteer's own schedule (take a shift, ask for a stand-in, take over a colleague's, write the
hours of a shift, the calendar link), the secret calendar feed, and the professional's planning page."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht import ical
from wijkkracht.accounts.policy import require
from wijkkracht.activities.constants import SessionStatus
from wijkkracht.activities.models import Session
from wijkkracht.places.models import CommunityCentre
from wijkkracht.validators import add_service_errors

from . import services, shift_services
from .constants import HoursStatus, StandInStatus, VolunteerStatus
from .forms import AssignForm, ShiftPlanForm, StandInForm
from .models import HoursEntry, Shift, StandIn, Volunteer
from .permissions import Action, can, person_of, visible_to

# The schedule shows this far ahead; past shifts this far back (to write their hours).
AHEAD_DAYS = 28
BACK_DAYS = 30
FEED_BACK_DAYS = 90


def _own(user) -> Volunteer:
    """The user's own volunteer record; 403 for anyone without one."""
    person = person_of(user)
    volunteer = Volunteer.objects.with_areas().filter(person=person).first() if person is not None else None
    if volunteer is None:
        raise PermissionDenied
    return volunteer


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@require_GET
def schedule(request):
    """The volunteer's own shifts, open shifts at their centres, colleagues asking for a stand-in."""
    volunteer = _own(request.user)
    require(request.user, Action.SCHEDULE, volunteer)
    now = timezone.now()
    ahead = now + datetime.timedelta(days=AHEAD_DAYS)
    open_ask = StandIn.objects.open().filter(shift=OuterRef("pk"))
    written = HoursEntry.objects.filter(shift=OuterRef("pk")).exclude(status=HoursStatus.DECLINED)
    mine = list(
        Shift.objects.of(volunteer)
        .between(now - datetime.timedelta(days=BACK_DAYS), ahead)
        .annotate(asked=Exists(open_ask), written=Exists(written))
        .for_page()
        .order_by("starts_at", "pk")
    )
    upcoming = [s for s in mine if s.ends_at > now]
    past = [s for s in mine if s.ends_at <= now and not s.written]
    areas = Shift.objects.for_volunteer_areas(volunteer).between(now, ahead)
    may_take = volunteer.status == VolunteerStatus.ACTIVE
    open_shifts = list(areas.open().for_page().order_by("starts_at", "pk")[:50]) if may_take else []
    asks = (
        list(
            StandIn.objects.open()
            .filter(shift__in=areas.exclude(volunteer=volunteer))
            .select_related("shift__centre", "shift__district", "shift__session__activity")
            .order_by("shift__starts_at", "pk")[:50]
        )
        if may_take
        else []
    )
    feed_url = (
        request.build_absolute_uri(reverse("volunteers:feed", args=[volunteer.feed_token]))
        if volunteer.feed_token
        else ""
    )
    return render(
        request,
        "volunteers/schedule.html",
        {
            "volunteer": volunteer,
            "upcoming": upcoming,
            "past": past,
            "open_shifts": open_shifts,
            "asks": asks,
            "feed_url": feed_url,
            "stand_in_form": StandInForm(),
            "may_log": can(request.user, Action.HOURS_LOG, volunteer),
        },
    )


def _shift(public_id, *related) -> Shift:
    return get_object_or_404(Shift.objects.select_related("volunteer__person", *related), public_id=public_id)


def _refusal(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
@require_POST
def shift_take(request, public_id):
    shift = _shift(public_id)
    volunteer = _own(request.user)
    require(request.user, Action.SCHEDULE, volunteer)
    require(request.user, Action.SHIFT_TAKE, shift)
    try:
        shift_services.shift_take(shift=shift, volunteer=volunteer, actor=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("De dienst is van u. Dank u wel!"))
    return redirect("volunteers:schedule")


@login_required
@require_POST
def stand_in_ask(request, public_id):
    shift = _shift(public_id)
    require(request.user, Action.STAND_IN_ASK, shift)
    form = StandInForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        shift_services.stand_in_ask(shift=shift, actor=request.user, note=note, base_url=_base_url(request))
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("De andere vrijwilligers zijn gevraagd. U hoort het als iemand invalt."))
    if can(request.user, Action.SHIFT_MANAGE, shift) and not (shift.volunteer and _is_me(request.user, shift)):
        return redirect("volunteers:shifts")
    return redirect("volunteers:schedule")


def _is_me(user, shift: Shift) -> bool:
    person = person_of(user)
    return person is not None and shift.volunteer is not None and shift.volunteer.person_id == person.pk


def _stand_in(public_id) -> StandIn:
    return get_object_or_404(
        StandIn.objects.select_related("asked_by__person", "shift__volunteer"), public_id=public_id
    )


@login_required
@require_POST
def stand_in_take(request, public_id):
    stand_in = _stand_in(public_id)
    volunteer = _own(request.user)
    require(request.user, Action.SCHEDULE, volunteer)
    require(request.user, Action.STAND_IN_TAKE, stand_in)
    try:
        shift_services.stand_in_take(stand_in=stand_in, volunteer=volunteer, actor=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("U valt in. De dienst staat nu in uw rooster."))
    return redirect("volunteers:schedule")


@login_required
@require_POST
def stand_in_withdraw(request, public_id):
    stand_in = _stand_in(public_id)
    require(request.user, Action.STAND_IN_WITHDRAW, stand_in)
    try:
        shift_services.stand_in_withdraw(stand_in=stand_in, actor=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("De vraag om een invaller is ingetrokken."))
    if can(request.user, Action.SHIFT_MANAGE, stand_in.shift) and not _is_me(request.user, stand_in.shift):
        return redirect("volunteers:shifts")
    return redirect("volunteers:schedule")


@login_required
@require_POST
def shift_hours(request, public_id):
    """Write the hours of a shift the volunteer worked."""
    shift = _shift(public_id, "centre", "district")
    volunteer = _own(request.user)
    require(request.user, Action.HOURS_LOG, volunteer)
    try:
        services.hours_log(volunteer=volunteer, actor=request.user, shift=shift)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("Uw uren zijn geschreven. De beroepskracht keurt ze goed."))
    return redirect("volunteers:schedule")


@login_required
@require_POST
def feed_reset(request):
    volunteer = _own(request.user)
    require(request.user, Action.SCHEDULE, volunteer)
    shift_services.feed_token_reset(volunteer=volunteer, actor=request.user)
    messages.success(request, _("Uw agendalink is klaar. Een oude link werkt niet meer."))
    return redirect("volunteers:schedule")


@require_GET
def feed(request, token):
    """The volunteer's shifts as an iCalendar feed. The secret token in the link is the key (calendar apps
    cannot log in); it names nobody, and the feed holds no other volunteer's name."""
    volunteer = Volunteer.objects.filter(feed_token=token).exclude(status=VolunteerStatus.STOPPED).first()
    if volunteer is None or not token:
        raise Http404
    since = timezone.now() - datetime.timedelta(days=FEED_BACK_DAYS)
    shifts = Shift.objects.of(volunteer).filter(ends_at__gte=since).for_page().order_by("starts_at", "pk")[:500]
    base = _base_url(request)
    events = [
        ical.CalendarEvent(
            uid=ical.uid("shift", shift.public_id),
            start=shift.starts_at,
            end=shift.ends_at,
            summary=shift.title,
            location=_place(shift),
            url=base + reverse("volunteers:schedule"),
            status="CANCELLED" if shift.session_id and shift.session.is_cancelled else "CONFIRMED",
            last_modified=shift.updated_at,
        )
        for shift in shifts
    ]
    body = ical.calendar_bytes(events, name=_("Mijn diensten"), prodid="-//Wijkkracht//Diensten//NL")
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _place(shift: Shift) -> str:
    if shift.centre_id:
        centre = shift.centre
        return ", ".join(p for p in (centre.name, centre.street, f"{centre.postcode} {centre.city}".strip()) if p)
    return shift.district.name


# --- the professional's planning page ----------------------------------------------------------------------


def _plan_choices(user):
    """The centres where the user plans shifts, and their activities' sessions in the coming weeks."""
    centres = visible_to(user, CommunityCentre.objects.all(), Action.SHIFT_MANAGE)
    now = timezone.now()
    sessions = (
        Session.objects.filter(starts_at__gt=now, starts_at__lt=now + datetime.timedelta(days=60))
        .filter(activity__centre__in=centres)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("activity")
        .order_by("starts_at")[:200]
    )
    return centres.order_by("name"), sessions


@login_required
@require_http_methods(["GET", "POST"])
def shifts(request):
    """Shifts at the professional's centres in the coming weeks: who works them, who asks for a stand-in, the
    open places; a form to plan shifts at a session or a (weekly) slot, and to give an open shift to someone."""
    require(request.user, Action.SHIFT_MANAGE)
    centres, sessions = _plan_choices(request.user)
    form = ShiftPlanForm(request.POST or None, sessions=sessions, centres=centres)
    if request.method == "POST" and form.is_valid():
        try:
            made = shift_services.shift_plan(actor=request.user, **form.plan_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(n)d diensten gepland.") % {"n": len(made)})
            return redirect("volunteers:shifts")
    now = timezone.now()
    open_ask = StandIn.objects.open().filter(shift=OuterRef("pk"))
    rows = list(
        visible_to(request.user, Shift.objects.all(), Action.SHIFT_MANAGE)
        .between(now, now + datetime.timedelta(days=AHEAD_DAYS))
        .annotate(asked=Exists(open_ask))
        .for_page()
        .order_by("starts_at", "pk")[:200]
    )
    asks = {
        s.shift_id: s
        for s in StandIn.objects.open().filter(shift__in=[r.pk for r in rows if r.asked]).select_related("shift")
    }
    for row in rows:
        row.stand_in = asks.get(row.pk)
    helpers = (
        visible_to(request.user, Volunteer.objects.filter(status=VolunteerStatus.ACTIVE), Action.MANAGE)
        .select_related("person")
        .order_by("person__first_name", "person__last_name")
    )
    return render(
        request,
        "volunteers/shifts.html",
        {"rows": rows, "form": form, "assign_form": AssignForm(volunteers=helpers), "status_open": StandInStatus.OPEN},
    )


@login_required
@require_POST
def shift_assign(request, public_id):
    shift = _shift(public_id)
    require(request.user, Action.SHIFT_MANAGE, shift)
    helpers = visible_to(request.user, Volunteer.objects.all(), Action.MANAGE)
    form = AssignForm(request.POST, volunteers=helpers)
    if not form.is_valid():
        messages.error(request, _("Kies een vrijwilliger."))
        return redirect("volunteers:shifts")
    try:
        shift_services.shift_assign(shift=shift, volunteer=form.cleaned_data["volunteer"], actor=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("De dienst is toegewezen."))
    return redirect("volunteers:shifts")


@login_required
@require_POST
def shift_release(request, public_id):
    shift = _shift(public_id)
    require(request.user, Action.SHIFT_MANAGE, shift)
    shift_services.shift_release(shift=shift, actor=request.user)
    messages.success(request, _("De dienst is weer open."))
    return redirect("volunteers:shifts")
