"""Volunteers' own pages and the professional's pages. Views parse, ask the policy and call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.policy import require
from wijkkracht.people.services import person_create_for_user
from wijkkracht.places.models import CommunityCentre
from wijkkracht.validators import add_service_errors
from wijkkracht.workflow.maps import workflow_for
from wijkkracht.workflow.models import StateChange
from wijkkracht.workflow.services import available_moves

from . import services
from .constants import WEEKDAYS, CertificateKind, DayPart, HoursStatus, MoveLabel, VolunteerStatus
from .forms import (
    CertificateForm,
    ConsentForm,
    ExceptionForm,
    HoursForm,
    ListFilterForm,
    PauseForm,
    ProfileForm,
    StopForm,
)
from .models import Application, AvailabilityException, Certificate, Volunteer
from .permissions import Action, can, person_of, visible_to
from .query import is_minor, valid_until

PAGE_SIZE = 25


def _data(request):
    return request.POST if request.method == "POST" else None


def _own_volunteer(user) -> Volunteer | None:
    person = person_of(user)
    if person is None:
        return None
    return (
        Volunteer.objects.with_areas()
        .prefetch_related("skills", "interests", "work_districts")
        .filter(person=person)
        .first()
    )


def _initial(volunteer: Volunteer) -> dict:
    return {
        "centres": list(volunteer.centres.all()),
        "districts": list(volunteer.districts.all()),
        "work_districts": list(volunteer.work_districts.all()),
        "skills": list(volunteer.skills.all()),
        "interests": list(volunteer.interests.all()),
        "availability": volunteer.availability,
        "languages": volunteer.languages,
        "max_hours_per_week": volunteer.max_hours_per_week,
        "motivation": volunteer.motivation,
    }


def _grid(volunteer: Volunteer) -> list[tuple[str, list[bool]]]:
    """The weekly availability as rows of (weekday, [morning, afternoon, evening])."""
    chosen = set(volunteer.availability)
    return [(str(label), [f"{day}_{part}" in chosen for part in DayPart.values]) for day, label in WEEKDAYS]


def _certificates(volunteer: Volunteer) -> list[Certificate]:
    today = timezone.localdate()
    certificates = list(volunteer.certificates.all())
    valid = set(volunteer.certificates.valid_vog(today).values_list("pk", flat=True))
    for certificate in certificates:
        certificate.valid = certificate.kind != CertificateKind.VOG or certificate.pk in valid
        certificate.valid_until = (
            valid_until(certificate.issued_on) if certificate.kind == CertificateKind.VOG else None
        )
    return certificates


def _own_hours(user, volunteer: Volunteer) -> dict:
    entries = list(volunteer.hours.order_by("-date", "-pk")[:10])
    reasons = {
        int(change.object_id): change.reason
        for change in StateChange.objects.filter(
            content_type__model="hoursentry", content_type__app_label="volunteers", target=HoursStatus.DECLINED
        ).filter(object_id__in=[str(e.pk) for e in entries])
    }
    for entry in entries:
        entry.reason = reasons.get(entry.pk, "")
    year = volunteer.hours.approved().between(timezone.localdate().replace(month=1, day=1), timezone.localdate())
    may_log = can(user, Action.HOURS_LOG, volunteer)
    return {
        "hours": entries,
        "year_total": year.aggregate(total=Sum("hours"))["total"] or 0,
        "hours_form": HoursForm(centres=list(volunteer.centres.all())) if may_log else None,
    }


def _history(volunteer: Volunteer) -> list[StateChange]:
    workflow = workflow_for(volunteer)
    changes = list(StateChange.objects.for_object(volunteer).select_related("actor"))
    for change in changes:
        change.source_label, change.target_label = workflow.label(change.source), workflow.label(change.target)
    return changes


def _status_forms(volunteer: Volunteer, user) -> dict:
    moves = {str(m.target) for m in available_moves(volunteer, by=user)}
    return {
        "may_pause": VolunteerStatus.PAUSED in moves,
        "may_resume": volunteer.status == VolunteerStatus.PAUSED and VolunteerStatus.ACTIVE in moves,
        "may_stop": VolunteerStatus.STOPPED in moves,
        "pause_form": PauseForm(),
        "stop_form": StopForm(),
    }


def _do_transition(request, volunteer: Volunteer) -> None:
    """One status change from a posted form (to=...); refusals become a message, nothing changes."""
    to = request.POST.get("to", "")
    try:
        if to == VolunteerStatus.PAUSED:
            form = PauseForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Kies tot wanneer de pauze duurt."))
            services.volunteer_pause(volunteer=volunteer, actor=request.user, until=form.cleaned_data["until"])
        elif to == VolunteerStatus.STOPPED:
            form = StopForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Kies een reden voor het afmelden."))
            services.volunteer_stop(
                volunteer=volunteer,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        elif to == VolunteerStatus.ACTIVE and volunteer.status == VolunteerStatus.PAUSED:
            services.volunteer_resume(volunteer=volunteer, actor=request.user)
        else:
            services.volunteer_move(volunteer=volunteer, actor=request.user, to=to)
    except ValidationError as error:  # a refused move (TransitionError) is one too
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De status is nu: %(status)s.") % {"status": volunteer.get_status_display()})


# --- the volunteer's own pages ----------------------------------------------------------------------------


@login_required
@require_GET
def mine(request):
    """The volunteer's own page; for someone who is not (yet) a volunteer, the invitation to sign up."""
    volunteer = _own_volunteer(request.user)
    if volunteer is None:
        # Not a volunteer yet: the invitation to sign up (or, for a volunteer role without a record, whom to ask).
        return render(
            request, "volunteers/mine.html", {"volunteer": None, "may_register": can(request.user, Action.REGISTER)}
        )
    require(request.user, Action.OWN_VIEW, volunteer)
    return render(
        request,
        "volunteers/mine.html",
        {
            "volunteer": volunteer,
            "grid": _grid(volunteer),
            "day_parts": DayPart.choices,
            "exceptions": list(volunteer.exceptions.all()),
            "exception_form": ExceptionForm(),
            "applications": list(
                Application.objects.filter(person=volunteer.person).select_related("vacancy").order_by("-created_at")
            ),
            "certificates": _certificates(volunteer),
            **_own_hours(request.user, volunteer),
            "may_change": can(request.user, Action.OWN_CHANGE, volunteer),
            "may_schedule": can(request.user, Action.SCHEDULE, volunteer),
            "may_statement": can(request.user, Action.STATEMENT, volunteer) and volunteer.hours.approved().exists(),
            "milestones": list(volunteer.recognitions.all()),
            "received": list(volunteer.messages.order_by("-sent_at")[:10]),
            **_status_forms(volunteer, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    require(request.user, Action.REGISTER)
    person = person_of(request.user)
    initial = {"languages": person.languages if person else ""}
    if person is not None and person.neighbourhood_id:
        initial["work_districts"] = [person.neighbourhood.district_id]
    form = ProfileForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                name = request.user.display_name or request.user.email.split("@")[0]
                person = person_create_for_user(user=request.user, first_name=name[:80], actor=request.user)
                request.user.person = person
            services.volunteer_register(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Bedankt voor uw aanmelding! Een beroepskracht neemt contact met u op voor een kennismaking."),
            )
            return redirect("volunteers:mine")
    return render(request, "volunteers/profile_form.html", {"form": form, "signing_up": True})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    volunteer = _own_volunteer(request.user)
    require(request.user, Action.OWN_CHANGE, volunteer)
    form = ProfileForm(_data(request), initial=_initial(volunteer))
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_update(volunteer=volunteer, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw profiel is opgeslagen."))
            return redirect("volunteers:mine")
    return render(request, "volunteers/profile_form.html", {"form": form, "volunteer": volunteer})


@login_required
@require_POST
def own_transition(request):
    volunteer = _own_volunteer(request.user)
    if volunteer is None:
        raise PermissionDenied
    require(request.user, Action.OWN_VIEW, volunteer)
    _do_transition(request, volunteer)
    return redirect("volunteers:mine")


def _exception_add(request, volunteer: Volunteer, back: str):
    form = ExceptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    try:
        services.exception_add(volunteer=volunteer, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Opgeslagen: u bent dan niet beschikbaar."))
    return redirect(back)


@login_required
@require_POST
def own_exception_add(request):
    volunteer = _own_volunteer(request.user)
    require(request.user, Action.OWN_CHANGE, volunteer)
    return _exception_add(request, volunteer, reverse("volunteers:mine"))


@login_required
@require_POST
def own_exception_remove(request, public_id):
    volunteer = _own_volunteer(request.user)
    require(request.user, Action.OWN_CHANGE, volunteer)
    exception = get_object_or_404(AvailabilityException, volunteer=volunteer, public_id=public_id)
    services.exception_remove(exception=exception, actor=request.user)
    messages.success(request, _("De afwezigheid is verwijderd."))
    return redirect("volunteers:mine")


# --- the professional's pages -----------------------------------------------------------------------------


@login_required
@require_GET
def volunteer_list(request):
    require(request.user, Action.LIST)
    mine_qs = visible_to(request.user, Volunteer.objects.all(), Action.LIST)
    # The centres the professional serves (from their scope: no scan of the volunteers).
    centres = visible_to(request.user, CommunityCentre.objects.all(), Action.SHIFT_MANAGE).order_by("name")
    form = ListFilterForm(request.GET or None, centres=centres, statuses=VolunteerStatus.choices)
    qs = mine_qs
    if form.is_valid():
        data = form.cleaned_data
        qs = qs.search(data["q"])
        if data["status"]:
            qs = qs.with_status(data["status"])
        if data["centre"]:
            qs = qs.in_centre(data["centre"].pk)
    counts = dict(mine_qs.order_by().values_list("status").annotate(n=Count("pk")))
    paginator = Paginator(qs.for_list().order_by("person__first_name", "person__last_name", "pk"), PAGE_SIZE)
    data = form.cleaned_data if form.is_valid() else {}
    if not data.get("q") and not data.get("centre"):
        # Only the status (or nothing) narrows the list: the counts above already know its length.
        status = data.get("status")
        paginator.__dict__["count"] = counts.get(status, 0) if status else sum(counts.values())
    page = paginator.get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "volunteers/list.html",
        {
            "page": page,
            "form": form,
            "counts": [(label, counts.get(value, 0), value) for value, label in VolunteerStatus.choices],
            "query": query.urlencode(),
        },
    )


def _volunteer(request, public_id) -> Volunteer:
    volunteer = get_object_or_404(
        Volunteer.objects.with_areas().prefetch_related("skills", "interests", "work_districts"), public_id=public_id
    )
    require(request.user, Action.VIEW, volunteer)
    return volunteer


@login_required
@require_GET
def volunteer_detail(request, public_id):
    volunteer = _volunteer(request, public_id)
    moves = [
        (m, MoveLabel.LABELS[m.target])
        for m in available_moves(volunteer, by=request.user)
        if m.target in (VolunteerStatus.INTAKE, VolunteerStatus.ACTIVE) and volunteer.status != VolunteerStatus.PAUSED
    ]
    return render(
        request,
        "volunteers/detail.html",
        {
            "volunteer": volunteer,
            "person": volunteer.person,
            "email": volunteer.person.user.email if volunteer.person.user_id else "",
            "grid": _grid(volunteer),
            "day_parts": DayPart.choices,
            "exceptions": list(volunteer.exceptions.all()),
            "history": _history(volunteer),
            "certificates": _certificates(volunteer),
            "certificate_form": CertificateForm(),
            "young": is_minor(volunteer.person.birth_year),
            "may_statement": can(request.user, Action.STATEMENT, volunteer),
            "consent_form": ConsentForm(),
            "applications": list(volunteer.applications.select_related("vacancy").order_by("-created_at")),
            "moves": moves,
            "may_edit": can(request.user, Action.MANAGE, volunteer),
            **_status_forms(volunteer, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def volunteer_edit(request, public_id):
    volunteer = _volunteer(request, public_id)
    require(request.user, Action.MANAGE, volunteer)
    form = ProfileForm(_data(request), initial=_initial(volunteer), districts_field=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_update(volunteer=volunteer, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het profiel is opgeslagen."))
            return redirect("volunteers:detail", public_id=volunteer.public_id)
    return render(request, "volunteers/profile_form.html", {"form": form, "volunteer": volunteer, "managing": True})


@login_required
@require_POST
def volunteer_transition(request, public_id):
    volunteer = _volunteer(request, public_id)
    _do_transition(request, volunteer)
    return redirect("volunteers:detail", public_id=volunteer.public_id)
