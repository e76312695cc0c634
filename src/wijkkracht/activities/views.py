"""Centre life: the public calendar and activity pages, and the professional's pages to run activities.
Views parse, ask the policy and call services."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min, Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.policy import require
from wijkkracht.councils.constants import PlanStatus
from wijkkracht.councils.models import PlanGoal
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import Initiative
from wijkkracht.organisations.models import Organisation
from wijkkracht.places.models import CommunityCentre, District, Neighbourhood
from wijkkracht.validators import add_service_errors
from wijkkracht.workflow.services import available_moves

from . import services
from .constants import (
    CALENDAR_DAYS,
    CALENDAR_PAGE,
    CHECK_IN_OPENS,
    MOVE_LABELS,
    POLICY_BAND,
    YOUTH_BAND,
    ActivityStatus,
    AgeBand,
    BookingKind,
    RegistrationStatus,
    SessionStatus,
)
from .feeds import calendar_feed
from .forms import (
    ActivityForm,
    BookingForm,
    CalendarForm,
    DeskRegistrationForm,
    HeadCountForm,
    OccupancyForm,
    SessionRoomForm,
    WalkInForm,
)
from .models import Activity, Attendance, Category, Registration, Session
from .permissions import Action, can, person_of, visible_to
from .query import CalendarFilter, taken_places
from .recurrence import describe, repeat_of

UPCOMING = 12  # sessions listed on an activity's page


# --- the public calendar -----------------------------------------------------------------------------------


def _query(base: QueryDict, **changes) -> str:
    query = base.copy()
    for key, value in changes.items():
        if value:
            query[key] = value
        else:
            query.pop(key, None)
    return query.urlencode()


@require_GET
def calendar(request):
    """A week of sessions with filters: a plain GET form, so it works without JavaScript and can be shared."""
    require(request.user, Action.CALENDAR_VIEW)
    form = CalendarForm(
        request.GET or None,
        districts=District.objects.order_by("name").only("slug", "name"),
        neighbourhoods=Neighbourhood.objects.order_by("name").only("slug", "name"),
        centres=CommunityCentre.objects.order_by("name").only("slug", "name"),
        categories=Category.objects.only("slug", "name"),
    )
    if form.is_bound:
        form.is_valid()  # a stale or mistyped value is left out (and marked); the other filters still apply
    data = form.cleaned_data if form.is_bound else {}
    start = data.get("vanaf") or timezone.localdate()
    chosen = CalendarFilter(
        start=start,
        days=CALENDAR_DAYS,
        district_id=data["wijk"].pk if data.get("wijk") else None,
        neighbourhood_id=data["buurt"].pk if data.get("buurt") else None,
        centre_id=data["centrum"].pk if data.get("centrum") else None,
        category_id=data["soort"].pk if data.get("soort") else None,
        age=data.get("leeftijd") or "",
        price=data.get("prijs") or "",
    )
    # A page of the week's sessions (a fixed number of rows, however busy the week) and how many there are.
    matching = Session.objects.matching(chosen)
    try:
        page = max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        page = 1
    offset = (page - 1) * CALENDAR_PAGE
    sessions = list(matching.for_listing()[offset : offset + CALENDAR_PAGE + 1])
    more = len(sessions) > CALENDAR_PAGE
    sessions = sessions[:CALENDAR_PAGE]
    _prepare_listing(sessions)
    count = len(sessions) if page == 1 and not more else matching.count()
    pages = max(1, -(-count // CALENDAR_PAGE))
    by_day = {
        day: list(items) for day, items in groupby(sessions, key=lambda s: timezone.localtime(s.starts_at).date())
    }
    week_days = [start + dt.timedelta(days=n) for n in range(CALENDAR_DAYS)]
    if pages == 1:
        days = [(day, by_day.get(day, [])) for day in week_days]
    else:  # a week over more pages: only the days this page has sessions on
        days = [(day, by_day[day]) for day in week_days if day in by_day]
    week = dt.timedelta(days=CALENDAR_DAYS)
    return render(
        request,
        "activities/calendar.html",
        {
            "form": form,
            "days": days,
            "count": count,
            "page": page,
            "pages": pages,
            "previous_page": _query(request.GET, pagina=str(page - 1) if page > 2 else "") if page > 1 else None,
            "next_page": _query(request.GET, pagina=str(page + 1)) if more else None,
            "start": start,
            "end": chosen.end,
            "filtered": any(data.get(name) for name in ("wijk", "buurt", "centrum", "soort", "leeftijd", "prijs")),
            "previous_query": _query(request.GET, vanaf=(start - week).isoformat(), pagina=""),
            "next_query": _query(request.GET, vanaf=(start + week).isoformat(), pagina=""),
            "youth_query": _query(request.GET, leeftijd=str(YOUTH_BAND)),
            "policy_query": _query(request.GET, leeftijd=POLICY_BAND),
            "feed": _feed_for(data),
        },
    )


def _prepare_listing(sessions: list[Session]) -> None:
    """What the calendar shows of each session, worked out once in Python (times, the line under the title, the
    address): the template then only places ready text, which keeps a full page of sessions fast."""
    from django.utils.formats import number_format
    from django.utils.html import escape

    free, wheelchair = _("gratis"), _("rolstoel")
    sample = reverse("activities:activity", args=["00000000-0000-0000-0000-000000000000"])
    for session in sessions:
        activity = session.activity
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        session.href = sample.replace("00000000-0000-0000-0000-000000000000", str(activity.public_id))
        session.iso = starts.isoformat()
        session.hours = f"{starts:%H:%M}"
        session.until = f"{ends:%H:%M}"
        where = activity.centre.name if activity.centre else _("wijk %(d)s") % {"d": activity.district.name}
        if activity.location:
            where = f"{where}, {activity.location}"
        price = free if activity.is_free else f"€ {number_format(activity.price, 2)}"
        parts = [activity.category.name, where, price]
        if activity.wheelchair_accessible:
            parts.append(wheelchair)
        session.meta = escape(" · ".join(str(p) for p in parts))


def _feed_for(data: dict) -> tuple[str, str] | None:
    """The iCalendar feed that matches the calendar's place filter (a centre, else a district), if any."""
    if data.get("centrum"):
        return data["centrum"].name, reverse("activities:feed_centre", args=[data["centrum"].slug])
    if data.get("wijk"):
        return data["wijk"].name, reverse("activities:feed_district", args=[data["wijk"].slug])
    return None


def _activity(public_id) -> Activity:
    return get_object_or_404(Activity.objects.for_page(), public_id=public_id)


@require_GET
def activity_detail(request, public_id):
    activity = _activity(public_id)
    if not can(request.user, Action.VIEW, activity):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    may_manage = can(request.user, Action.MANAGE, activity)
    sessions = list(activity.sessions.upcoming(timezone.now()).order_by("starts_at")[:UPCOMING])
    taken = taken_places(s.pk for s in sessions) if activity.capacity is not None else {}
    person = person_of(request.user)
    mine = (
        {r.session_id: r for r in Registration.objects.live().of_person(person).filter(session__in=sessions)}
        if person is not None and activity.capacity is not None
        else {}
    )
    for session in sessions:
        session.activity = activity
        session.taken = taken.get(session.pk, 0)
        session.left = max(0, activity.capacity - session.taken) if activity.capacity is not None else None
        session.mine = mine.get(session.pk)
    return render(
        request,
        "activities/activity.html",
        {
            "activity": activity,
            "schedule": describe(activity.rrule, starts_on=activity.starts_on),
            "sessions": sessions,
            "may_manage": may_manage,
            "may_register": can(request.user, Action.REGISTER, sessions[0]) if sessions else False,
            "moves": [(m.target, MOVE_LABELS[m.target]) for m in available_moves(activity, by=request.user)]
            if may_manage
            else [],
        },
    )


# --- the professional's pages ------------------------------------------------------------------------------


@login_required
@require_GET
def manage(request):
    """The activities of the centres (and districts) the professional runs."""
    require(request.user, Action.MANAGE)
    now = timezone.now()
    activities = list(
        visible_to(request.user, Activity.objects.for_page(), Action.MANAGE)
        .annotate(next_session=Min("sessions__starts_at", filter=Q(sessions__ends_at__gt=now)))
        .order_by("centre__name", "title", "pk")
    )
    for activity in activities:
        activity.schedule = describe(activity.rrule, starts_on=activity.starts_on)
    return render(request, "activities/manage.html", {"activities": activities})


def _form_choices(user) -> dict:
    centres = [
        c for c in CommunityCentre.objects.select_related("district").order_by("name") if can(user, Action.MANAGE, c)
    ]
    districts = [d for d in District.objects.order_by("name") if can(user, Action.MANAGE, d)]
    places: dict = {}
    for centre in centres:
        places[f"c-{centre.pk}"] = (centre.name, centre)
    for district in districts:
        places[f"d-{district.pk}"] = (_("Wijk %(name)s (niet in een wijkcentrum)") % {"name": district.name}, district)
    district_ids = {c.district_id for c in centres} | {d.pk for d in districts}
    return {
        "places": places,
        "categories": Category.objects.filter(Q(districts__isnull=True) | Q(districts__in=district_ids)).distinct(),
        "neighbourhoods": Neighbourhood.objects.filter(district_id__in=district_ids).order_by("name"),
        "partners": Organisation.objects.order_by("name"),
        "initiatives": Initiative.objects.filter(district_id__in=district_ids, status=InitiativeStatus.APPROVED),
        "goals": PlanGoal.objects.filter(
            plan__council__district_id__in=district_ids,
            plan__status__in=[PlanStatus.APPROVED, PlanStatus.IN_EXECUTION],
        ).select_related("plan"),
    }


def _initial(activity: Activity) -> dict:
    repeat, until = repeat_of(activity.rrule, starts_on=activity.starts_on)
    return {
        "title": activity.title,
        "description": activity.description,
        "category": activity.category_id,
        "where": f"c-{activity.centre_id}" if activity.centre_id else f"d-{activity.district_id}",
        "neighbourhood": activity.neighbourhood_id,
        "location": activity.location,
        "age_bands": activity.age_bands,
        "starts_on": activity.starts_on,
        "start_time": activity.start_time,
        "end_time": activity.end_time,
        "repeat": repeat,
        "until": until,
        "rrule": activity.rrule if repeat == "custom" else "",
        "price": activity.price,
        "price_note": activity.price_note,
        "capacity": activity.capacity,
        "organiser_kind": activity.organiser_kind,
        "organiser_name": activity.organiser_name,
        "partner": activity.partner_id,
        "wheelchair_accessible": activity.wheelchair_accessible,
        "accessibility": activity.accessibility,
        "initiative": activity.initiative_id,
        "plan_goals": [g.pk for g in activity.plan_goals.all()],
    }


def _edit(request, activity: Activity | None):
    choices = _form_choices(request.user)
    if request.method == "POST" and request.POST.get("where") not in choices["places"]:
        raise PermissionDenied  # a centre or district this professional does not run (or none at all)
    form = ActivityForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(activity) if activity else {"starts_on": timezone.localdate()},
        **choices,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.activity_save(actor=request.user, activity=activity, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if activity is None:
                messages.success(
                    request, _("De activiteit is opgeslagen als concept. Zet haar op de agenda als alles klopt.")
                )
            else:
                messages.success(request, _("De activiteit is opgeslagen."))
            return redirect(saved.url)
    return render(request, "activities/form.html", {"form": form, "activity": activity})


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    require(request.user, Action.MANAGE)
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, public_id):
    activity = _activity(public_id)
    require(request.user, Action.MANAGE, activity)
    return _edit(request, activity)


@login_required
@require_POST
def activity_from_initiative(request, public_id):
    """The button on an approved initiative: a draft activity prefilled from it, opened for the professional to
    complete. A refusal (already made, not approved) goes back to the initiative with the reason."""
    from wijkkracht.initiatives.models import Initiative

    initiative = get_object_or_404(Initiative.objects.select_related("district"), public_id=public_id)
    require(request.user, Action.FROM_INITIATIVE, initiative)
    try:
        activity = services.activity_from_initiative(initiative=initiative, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(initiative.url)
    messages.success(
        request,
        _(
            "Het initiatief is nu een activiteit in concept. Vul de dag, de tijd en de plek aan en zet hem in de "
            "agenda."
        ),
    )
    return redirect(reverse("activities:edit", args=[activity.public_id]))


@login_required
@require_POST
def activity_transition(request, public_id):
    activity = _activity(public_id)
    require(request.user, Action.MANAGE, activity)
    try:
        services.activity_move(activity=activity, to=request.POST.get("to", ""), actor=request.user)
    except ValidationError as error:  # a refused move (TransitionError) is one too
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De activiteit is nu: %(status)s.") % {"status": activity.get_status_display()})
    return redirect(activity.url)


@login_required
@require_POST
def session_status(request, public_id):
    """Call off a session, or let a called-off one go ahead after all."""
    session = get_object_or_404(Session.objects.select_related("activity"), public_id=public_id)
    require(request.user, Action.MANAGE, session)
    to = request.POST.get("to", "")
    try:
        if to == SessionStatus.CANCELLED:
            services.session_cancel(session=session, actor=request.user)
            messages.success(request, _("De bijeenkomst gaat niet door. Dat staat nu in de agenda."))
        elif to == SessionStatus.SCHEDULED:
            services.session_restore(session=session, actor=request.user)
            messages.success(request, _("De bijeenkomst gaat toch door."))
        else:
            messages.error(request, _("Kies of de bijeenkomst wel of niet doorgaat."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{session.activity.url}#bijeenkomsten")


# --- iCalendar feeds ---------------------------------------------------------------------------------------


def _ics(request, activities, *, name: str, filename: str) -> HttpResponse:
    body = calendar_feed(activities, name=name, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def _feed_rows(qs):
    return qs.published().select_related("category", "centre", "district").order_by("starts_on", "pk")


@require_GET
def feed_activity(request, public_id):
    activity = _activity(public_id)
    if activity.status != ActivityStatus.PUBLISHED:
        raise Http404  # a draft or a stopped activity has nothing to add to a calendar
    require(request.user, Action.VIEW, activity)
    return _ics(request, [activity], name=activity.title, filename=f"activiteit-{activity.public_id}")


@require_GET
def feed_centre(request, slug):
    require(request.user, Action.CALENDAR_VIEW)
    centre = get_object_or_404(CommunityCentre, slug=slug)
    activities = _feed_rows(Activity.objects.at_centre(centre))
    return _ics(request, activities, name=centre.name, filename=f"wijkcentrum-{centre.slug}")


@require_GET
def feed_district(request, slug):
    require(request.user, Action.CALENDAR_VIEW)
    district = get_object_or_404(District, slug=slug)
    activities = _feed_rows(Activity.objects.in_district(district))
    return _ics(
        request, activities, name=_("Wijk %(name)s") % {"name": district.name}, filename=f"wijk-{district.slug}"
    )


# --- registrations -----------------------------------------------------------------------------------------


def _session(public_id) -> Session:
    return get_object_or_404(Session.objects.select_related("activity", "activity__centre"), public_id=public_id)


@login_required
@require_POST
def session_register(request, public_id):
    """A resident signs themselves up (or onto the waiting list when the session is full)."""
    session = _session(public_id)
    require(request.user, Action.REGISTER, session)
    try:
        registration = services.registration_create(session=session, actor=request.user, person=person_of(request.user))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.success(
                request,
                _("Het is vol. U staat op de wachtlijst; komt er een plek vrij, dan krijgt u die vanzelf."),
            )
        else:
            messages.success(request, _("U bent aangemeld. U krijgt een bevestiging per e-mail."))
    return redirect(f"{session.activity.url}#bijeenkomsten")


@login_required
@require_POST
def registration_cancel(request, public_id):
    registration = get_object_or_404(
        Registration.objects.select_related("session", "session__activity"), public_id=public_id
    )
    require(request.user, Action.REGISTRATION_CANCEL, registration)
    own = registration.person_id is not None and registration.person_id == getattr(person_of(request.user), "pk", None)
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De aanmelding is afgemeld."))
    if own:
        return redirect("activities:mine")
    return redirect("activities:session", public_id=registration.session.public_id)


def _session_page(
    request, session: Session, form=None, walk_in=None, head_count=None, room_form=None, status: int = 200
):
    from .models import RoomBooking

    centre = session.activity.centre
    bookings = list(RoomBooking.objects.live().filter(session=session).select_related("room"))
    if room_form is None and centre is not None:
        room_form = SessionRoomForm(rooms=centre.rooms.all())
    registrations = list(session.registrations.live().select_related("person").order_by("created_at", "pk"))
    attendances = list(session.attendances.select_related("person").order_by("checked_in_at", "pk"))
    present = {a.registration_id for a in attendances if a.registration_id}
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    for r in registered:
        r.present = r.pk in present
    if head_count is None:
        initial = {}
        for count in session.head_counts.all():
            initial[f"new_{count.age_band}"], initial[f"returning_{count.age_band}"] = count.new, count.returning
        head_count = HeadCountForm(initial=initial)
    return render(
        request,
        "activities/session.html",
        {
            "session": session,
            "activity": session.activity,
            "registered": registered,
            "waitlisted": [r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
            "attendances": attendances,
            "walk_ins": [a for a in attendances if a.registration_id is None],
            "form": form or DeskRegistrationForm(),
            "walk_in": walk_in or WalkInForm(prefix="binnen"),
            "head_count": head_count,
            "bookings": bookings,
            "room_form": room_form,
            "attendance_open": session.status == SessionStatus.SCHEDULED
            and session.starts_at - CHECK_IN_OPENS <= timezone.now(),
        },
        status=status,
    )


@login_required
@require_GET
def session_detail(request, public_id):
    """The professional's page of one session: who is signed up, the waiting list, signing up at the desk."""
    session = _session(public_id)
    require(request.user, Action.MANAGE, session)
    return _session_page(request, session)


@login_required
@require_POST
def session_register_desk(request, public_id):
    """The professional signs up someone who phones or walks in."""
    session = _session(public_id)
    require(request.user, Action.MANAGE, session)
    form = DeskRegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = services.registration_create(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.success(request, _("Vol: %(name)s staat op de wachtlijst.") % {"name": registration.name})
            else:
                messages.success(request, _("%(name)s is aangemeld.") % {"name": registration.name})
            return redirect("activities:session", public_id=session.public_id)
    return _session_page(request, session, form)


@require_http_methods(["GET", "POST"])
def cancel_by_link(request, token):
    """Cancel through the signed link in the mail, without logging in."""
    require(request.user, Action.CALENDAR_VIEW)
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404
    done = False
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        try:
            services.registration_cancel(registration=registration, actor=None)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = True
    return render(
        request,
        "activities/cancel.html",
        {
            "registration": registration,
            "session": registration.session,
            "activity": registration.session.activity,
            "done": done,
        },
    )


@login_required
@require_GET
def mine(request):
    """The resident's own sign-ups still to come."""
    require(request.user, Action.MY_REGISTRATIONS)
    registrations = visible_to(
        request.user,
        Registration.objects.live().filter(session__ends_at__gt=timezone.now()).for_listing(),
        Action.MY_REGISTRATIONS,
    )
    return render(request, "activities/mine.html", {"registrations": list(registrations)})


# --- attendance ----------------------------------------------------------------------------------------------


@login_required
@require_POST
def check_in(request, public_id):
    """Mark present: a sign-up (registration=<public id>) or someone at the door (name, birth year)."""
    session = _session(public_id)
    require(request.user, Action.MANAGE, session)
    back = redirect(f"{reverse('activities:session', args=[session.public_id])}#presentie")
    if request.POST.get("registration"):
        registration = get_object_or_404(Registration, session=session, public_id=request.POST["registration"])
        try:
            services.attendance_check_in(session=session, actor=request.user, registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return back
    form = WalkInForm(request.POST, prefix="binnen")
    if form.is_valid():
        try:
            services.attendance_check_in(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is aanwezig gemeld.") % {"name": form.cleaned_data["name"]})
            return back
    return _session_page(request, session, walk_in=form)


@login_required
@require_POST
def check_in_undo(request, public_id):
    attendance = get_object_or_404(
        Attendance.objects.select_related("session", "session__activity"), public_id=public_id
    )
    require(request.user, Action.MANAGE, attendance.session)
    services.attendance_undo(attendance=attendance, actor=request.user)
    messages.success(request, _("Teruggedraaid: niet meer aanwezig gemeld."))
    return redirect(f"{reverse('activities:session', args=[attendance.session.public_id])}#presentie")


@login_required
@require_POST
def head_count(request, public_id):
    """Turven for a drop-in session."""
    session = _session(public_id)
    require(request.user, Action.MANAGE, session)
    form = HeadCountForm(request.POST)
    if form.is_valid():
        try:
            services.head_count_save(session=session, actor=request.user, counts=form.counts())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De turving is opgeslagen."))
            return redirect(f"{reverse('activities:session', args=[session.public_id])}#turven")
    return _session_page(request, session, head_count=form)


@login_required
@require_GET
def check_in_list(request, public_id):
    """The check-in list to print: the names of those signed up, with a box to tick and room for more."""
    session = _session(public_id)
    require(request.user, Action.MANAGE, session)
    registered = list(session.registrations.registered().select_related("person").order_by("created_at", "pk"))
    return render(
        request,
        "activities/check_in_list.html",
        {"session": session, "activity": session.activity, "registered": registered, "blank_rows": range(10)},
    )


# --- reach -----------------------------------------------------------------------------------------------------

SUPPRESS_BELOW = 5  # any published count under 5 is suppressed (privacy)


def _shown(n: int | None) -> int | None:
    return n if n is not None and n >= SUPPRESS_BELOW else None


def _percent(reached: int | None, population: int | None) -> float | None:
    if reached is None or not population:
        return None
    return round(100 * reached / population, 1)


def _policy_population(figure) -> int | None:
    """15–55 from the CBS bands: 15–25 and 25–45 whole, half of 45–65 (the ages in it taken as evenly spread)."""
    if figure is None or None in (figure.age_15_25, figure.age_25_45, figure.age_45_65):
        return None
    return figure.age_15_25 + figure.age_25_45 + round(figure.age_45_65 / 2)


# Map shades by the share of 15–55 reached (percent): below the first bound shade 1, ... (0: not shown).
SHADE_BOUNDS = (1.0, 2.5, 5.0)


def _shade(percent: float | None) -> int:
    if percent is None:
        return 0
    return 1 + sum(1 for bound in SHADE_BOUNDS if percent >= bound)


def _reach_map(district, per_neighbourhood: dict) -> dict:
    """The district's neighbourhoods on their real boundaries, each shaded by its share of 15–55 reached, with the
    same numbers for the table beside the map."""
    from wijkkracht.places import geometry, maps
    from wijkkracht.places.models import PopulationFigure
    from wijkkracht.places.query import attach_shapes

    neighbourhoods = attach_shapes(
        [district, *district.neighbourhoods.order_by("name").only("name", "slug", "cbs_code")]
    )[1:]
    figures = PopulationFigure.objects.latest_by_code([n.cbs_code for n in neighbourhoods])
    for n in neighbourhoods:
        got = per_neighbourhood.get(n.cbs_code, {})
        figure = figures.get(n.cbs_code)
        n.policy_reached = _shown(got.get(POLICY_BAND, 0))
        n.policy_population = _policy_population(figure)
        n.policy_percent = _percent(n.policy_reached, n.policy_population)
        n.all_reached = _shown(got.get("all", 0))
        n.inhabitants = figure.inhabitants if figure is not None else None
        n.all_percent = _percent(n.all_reached, n.inhabitants)
        n.shade = _shade(n.policy_percent)
        n.url = f"#bereik-{n.slug}"
    view_box = geometry.view_box(district.bbox) if getattr(district, "bbox", None) else ""
    label_size = maps.label(neighbourhoods, view_box) if view_box else 0.0
    for n in neighbourhoods:
        if getattr(n, "label_lines", None):
            share = "–" if n.policy_percent is None else f"{n.policy_percent:.1f}%"
            n.label_lines = [*n.label_lines, share]
            n.label_dy = f"{-(len(n.label_lines) - 1) * 1.1 / 2 + 0.35:.2f}"
    return {"neighbourhoods": neighbourhoods, "view_box": view_box, "label_size": label_size}


@login_required
@require_GET
def reach(request):
    """Reach per district and year by age band, the policy band 15–55 first, against the CBS population, and a
    map of the district's neighbourhoods by the share of their 15–55 reached. Read from the counts kept ahead
    (activities.reach): a fixed number of queries, however many visits there were."""
    from wijkkracht.places.models import PopulationFigure

    from .reach import REACH_BANDS
    from .reach import counts as reach_kept

    require(request.user, Action.REACH_VIEW)
    districts = [d for d in District.objects.order_by("name") if can(request.user, Action.REACH_VIEW, d)]
    if not districts:
        raise PermissionDenied
    chosen = next((d for d in districts if d.slug == request.GET.get("wijk")), districts[0])
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("jaar", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year)
    counts = reach_kept(district_id=chosen.pk, year=year)
    figure = PopulationFigure.objects.latest_by_code([chosen.cbs_code]).get(chosen.cbs_code)
    labels = dict(AgeBand.choices)

    def population(field: str) -> int | None:
        return getattr(figure, field) if figure is not None else None

    rows = [
        {
            "key": POLICY_BAND,
            "label": _("15 tot 55 jaar (speciale aandacht)"),
            "reached": _shown(counts["policy"]),
            "population": _policy_population(figure),
            "visits": None,
            "policy": True,
        }
    ]
    for band, _low, _high in REACH_BANDS:
        rows.append(
            {
                "key": band,
                "label": labels[band],
                "reached": _shown(counts["bands"][band]),
                "population": population(f"age_{band}"),
                "visits": _shown(counts["visits"][band]),
                "policy": False,
            }
        )
    shorts = {POLICY_BAND: "15–55", "0_15": "0–15", "15_25": "15–25", "25_45": "25–45", "45_65": "45–65"}
    for index, row in enumerate(rows):
        row["percent"] = _percent(row["reached"], row["population"])
        # Bars up to 200 units for 100 %; at least 1 unit so a small share still shows.
        row["width"] = max(1, round(2 * min(100.0, row["percent"] or 0.0))) if row["percent"] is not None else 0
        row["y"] = index * 24
        row["short"] = shorts.get(row["key"], "65+")
    return render(
        request,
        "activities/reach.html",
        {
            "districts": districts,
            "district": chosen,
            "year": year,
            "years": list(range(this_year, this_year - 5, -1)),
            "rows": rows,
            "people": _shown(counts["people"]),
            "unknown": _shown(counts["unknown"]),
            "figure": figure,
            "suppress_below": SUPPRESS_BELOW,
            "chart_height": 24 * len(rows) + 4,
            "map": _reach_map(chosen, counts["neighbourhoods"]),
            "shade_bounds": SHADE_BOUNDS,
        },
    )


# --- rooms and bookings --------------------------------------------------------------------------------------


def _period(request) -> tuple[OccupancyForm, str, dt.date, dt.date]:
    """The period chosen on the rooms pages: a week from its Monday (default) or a calendar month."""
    form = OccupancyForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    day = data.get("vanaf") or timezone.localdate()
    if data.get("periode") == "maand":
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1)
        return form, "maand", start, end
    start = day - dt.timedelta(days=day.weekday())
    return form, "week", start, start + dt.timedelta(days=7)


@login_required
@require_GET
def rooms(request):
    """The rooms of the centres the professional runs, with their occupancy (booked hours / open hours)."""
    from .rooms import occupancy

    require(request.user, Action.MANAGE)
    centres = [c for c in CommunityCentre.objects.order_by("name") if can(request.user, Action.MANAGE, c)]
    form, period, start, end = _period(request)
    step = (end - start) if period == "week" else dt.timedelta(days=1)
    previous_start = start - step if period == "week" else (start - step).replace(day=1)
    return render(
        request,
        "activities/rooms.html",
        {
            "form": form,
            "period": period,
            "start": start,
            "last": end - dt.timedelta(days=1),
            "uses": occupancy(centres, start, end),
            "previous_query": _query(request.GET, vanaf=previous_start.isoformat(), periode=period),
            "next_query": _query(request.GET, vanaf=end.isoformat(), periode=period),
        },
    )


def _room(public_id):
    from wijkkracht.places.models import Room

    return get_object_or_404(Room.objects.select_related("centre"), public_id=public_id)


def _room_page(request, room, form: BookingForm | None = None, status: int = 200):
    from wijkkracht.places.models import OpeningHours

    from .models import RoomBooking
    from .recurrence import local_datetime
    from .rooms import booked_hours, open_hours, percent, slots_on

    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    monday = day - dt.timedelta(days=day.weekday())
    begin, finish = local_datetime(monday, dt.time.min), local_datetime(monday + dt.timedelta(days=7), dt.time.min)
    hours = list(OpeningHours.objects.filter(centre_id=room.centre_id))
    bookings = list(RoomBooking.objects.live().filter(room=room).overlapping(begin, finish).for_listing())
    now = timezone.now()
    days = []
    for n in range(7):
        date = monday + dt.timedelta(days=n)
        items = [b for b in bookings if timezone.localtime(b.starts_at).date() == date]
        for b in items:
            b.may_cancel = b.ends_at > now
        days.append({"date": date, "slots": slots_on(hours, date), "bookings": items})
    booked, opened = booked_hours(bookings, begin, finish), open_hours(hours, monday, monday + dt.timedelta(days=7))
    if form is None:
        form = BookingForm(initial={"day": max(monday, timezone.localdate())})
    return render(
        request,
        "activities/room.html",
        {
            "room": room,
            "centre": room.centre,
            "days": days,
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "booked": booked,
            "opened": opened,
            "percent": percent(booked, opened),
            "form": form,
            "previous_week": (monday - dt.timedelta(days=7)).isoformat(),
            "next_week": (monday + dt.timedelta(days=7)).isoformat(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_week(request, public_id):
    """One room's week: its bookings day by day within the opening hours, and booking it for a group or hirer."""
    room = _room(public_id)
    require(request.user, Action.MANAGE, room)
    if request.method != "POST":
        return _room_page(request, room)
    form = BookingForm(request.POST)
    if form.is_valid():
        try:
            booking = services.booking_create(actor=request.user, room=room, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(room)s is geboekt voor %(who)s.") % {"room": room.name, "who": booking.holder},
            )
            week = timezone.localtime(booking.starts_at).date().isoformat()
            return redirect(f"{reverse('activities:room', args=[room.public_id])}?week={week}")
    return _room_page(request, room, form)


@login_required
@require_POST
def booking_cancel(request, public_id):
    from .models import RoomBooking

    booking = get_object_or_404(RoomBooking.objects.select_related("room", "room__centre"), public_id=public_id)
    require(request.user, Action.MANAGE, booking)
    try:
        services.booking_cancel(booking=booking, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De boeking is geannuleerd; de zaal is weer vrij."))
    week = timezone.localtime(booking.starts_at).date().isoformat()
    return redirect(f"{reverse('activities:room', args=[booking.room.public_id])}?week={week}")


@login_required
@require_POST
def session_book_room(request, public_id):
    """Book one of the centre's rooms for a session, for the session's own time."""
    session = _session(public_id)
    require(request.user, Action.MANAGE, session)
    if session.activity.centre is None:
        messages.error(request, _("Deze activiteit is niet in een wijkcentrum: er is geen zaal te boeken."))
        return redirect("activities:session", public_id=session.public_id)
    form = SessionRoomForm(request.POST, rooms=session.activity.centre.rooms.all())
    if form.is_valid():
        try:
            services.booking_create(
                actor=request.user,
                room=form.cleaned_data["room"],
                kind=BookingKind.SESSION,
                session=session,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(room)s is geboekt voor deze bijeenkomst.") % {"room": form.cleaned_data["room"].name}
            )
            return redirect(f"{reverse('activities:session', args=[session.public_id])}#zaal")
    return _session_page(request, session, room_form=form)
