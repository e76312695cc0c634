"""Vacancies: the public board, reacting (with or without an account), and the professional's pages to place
vacancies, take reactions by phone, accept or decline, see ranked suggestions, and record certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.policy import require
from wijkkracht.places.models import CommunityCentre, District
from wijkkracht.validators import add_service_errors

from . import services
from .constants import ApplicationChannel, ApplicationStatus, VacancyStatus
from .forms import SLOT_CHOICES, ApplyForm, BoardFilterForm, CertificateForm, DeclineForm, VacancyForm
from .models import Application, Vacancy, Volunteer
from .permissions import Action, can, visible_to
from .suggestions import suggest

PAGE_SIZE = 20


def _vacancy(public_id) -> Vacancy:
    return get_object_or_404(
        Vacancy.objects.select_related("centre", "district").prefetch_related("skills").with_taken(),
        public_id=public_id,
    )


@require_GET
def board(request):
    """The public vacancy board: open vacancies with places left, filtered by a plain GET form."""
    require(request.user, Action.BOARD)
    form = BoardFilterForm(request.GET or None)
    qs = Vacancy.objects.open().for_board().with_taken()
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.search(data["q"])
        if data["district"]:
            qs = qs.in_district(data["district"].pk)
        if data["skill"]:
            qs = qs.with_skill(data["skill"].pk)
        if data["day_part"]:
            # The slots are stored as JSON text like ["mon_morning", "wed_evening"] on SQLite and PostgreSQL.
            qs = qs.filter(slots__icontains=f'_{data["day_part"]}"')
    page = Paginator(qs.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    managed = []
    if can(request.user, Action.VACANCY_MANAGE):
        managed = list(
            visible_to(request.user, Vacancy.objects.select_related("centre", "district"), Action.VACANCY_MANAGE)
            .annotate(waiting=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)))
            .order_by("status", "-created_at")[:50]
        )
    return render(
        request,
        "volunteers/board.html",
        {
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "managed": managed,
            "may_create": can(request.user, Action.VACANCY_MANAGE),
        },
    )


@require_GET
def vacancy(request, public_id):
    vacancy = _vacancy(public_id)
    if not can(request.user, Action.VACANCY_VIEW, vacancy):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return render(
        request,
        "volunteers/vacancy.html",
        {
            "vacancy": vacancy,
            "slot_labels": [label for value, label in SLOT_CHOICES if value in vacancy.slots],
            "may_apply": can(request.user, Action.APPLY, vacancy) and vacancy.places > vacancy.taken,
            "may_manage": can(request.user, Action.VACANCY_MANAGE, vacancy),
        },
    )


@require_http_methods(["GET", "POST"])
def apply(request, public_id):
    """React to a vacancy, with or without an account."""
    vacancy = _vacancy(public_id)
    require(request.user, Action.APPLY, vacancy)
    signed_in = request.user.is_authenticated
    form = ApplyForm(request.POST if request.method == "POST" else None, signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(vacancy=vacancy, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Bedankt voor uw reactie! Een beroepskracht neemt binnen een week contact met u op.")
            )
            return redirect(vacancy.url)
    return render(request, "volunteers/apply.html", {"vacancy": vacancy, "form": form, "signed_in": signed_in})


def _vacancy_form(request, data=None, initial=None) -> VacancyForm:
    # Every centre and district is listed; the service refuses one the professional does not serve.
    return VacancyForm(
        data,
        initial=initial,
        centres=CommunityCentre.objects.order_by("name"),
        districts=District.objects.order_by("name"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request):
    require(request.user, Action.VACANCY_MANAGE)
    form = _vacancy_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.vacancy_save(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error("centre", _("U plaatst vacatures alleen voor uw eigen wijkcentra en wijken."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De vacature staat op het vacaturebord."))
            return redirect("volunteers:vacancy_manage", public_id=created.public_id)
    return render(request, "volunteers/vacancy_form.html", {"form": form, "vacancy": None})


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_edit(request, public_id):
    vacancy = _vacancy(public_id)
    require(request.user, Action.VACANCY_MANAGE, vacancy)
    initial = {name: getattr(vacancy, name) for name in services.VACANCY_FIELDS}
    initial["skills"] = list(vacancy.skills.all())
    form = _vacancy_form(request, request.POST if request.method == "POST" else None, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_save(vacancy=vacancy, actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error("centre", _("U plaatst vacatures alleen voor uw eigen wijkcentra en wijken."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De vacature is opgeslagen."))
            return redirect("volunteers:vacancy_manage", public_id=vacancy.public_id)
    return render(request, "volunteers/vacancy_form.html", {"form": form, "vacancy": vacancy})


@login_required
@require_GET
def vacancy_manage(request, public_id):
    """The professional's page of one vacancy: reactions to decide on, suggestions, a reaction by phone."""
    vacancy = _vacancy(public_id)
    require(request.user, Action.VACANCY_MANAGE, vacancy)
    applications = list(
        vacancy.applications.select_related("volunteer", "entered_by").order_by("status", "created_at", "pk")
    )
    visible = visible_to(request.user, Volunteer.objects.all(), Action.VIEW)
    suggestions = suggest(vacancy, visible, today=timezone.localdate()) if vacancy.status == VacancyStatus.OPEN else []
    return render(
        request,
        "volunteers/vacancy_manage.html",
        {
            "vacancy": vacancy,
            "left": vacancy.places - vacancy.taken,
            "applications": applications,
            "suggestions": suggestions,
            "phone_form": ApplyForm(prefix="telefoon"),
            "decline_form": DeclineForm(),
            "statuses": [
                (value, label) for value, label in VacancyStatus.choices if value not in (vacancy.status, "filled")
            ],
        },
    )


@login_required
@require_POST
def phone_application(request, public_id):
    vacancy = _vacancy(public_id)
    require(request.user, Action.VACANCY_MANAGE, vacancy)
    form = ApplyForm(request.POST, prefix="telefoon")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("volunteers:vacancy_manage", public_id=vacancy.public_id)
    try:
        services.application_submit(
            vacancy=vacancy, actor=request.user, channel=ApplicationChannel.PHONE, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De telefonische reactie is vastgelegd."))
    return redirect("volunteers:vacancy_manage", public_id=vacancy.public_id)


@login_required
@require_POST
def vacancy_transition(request, public_id):
    vacancy = _vacancy(public_id)
    require(request.user, Action.VACANCY_MANAGE, vacancy)
    try:
        services.vacancy_set_status(vacancy=vacancy, actor=request.user, to=request.POST.get("to", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De vacature is nu: %(s)s.") % {"s": vacancy.get_status_display()})
    return redirect("volunteers:vacancy_manage", public_id=vacancy.public_id)


def _application(public_id) -> Application:
    return get_object_or_404(Application.objects.select_related("vacancy", "volunteer"), public_id=public_id)


@login_required
@require_POST
def application_decide(request, public_id):
    application = _application(public_id)
    require(request.user, Action.DECIDE, application)
    to = request.POST.get("to", "")
    try:
        if to == ApplicationStatus.ACCEPTED:
            services.application_accept(application=application, actor=request.user)
        else:
            form = DeclineForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.application_decline(application=application, actor=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De reactie is nu: %(s)s.") % {"s": application.get_status_display()})
    return redirect("volunteers:vacancy_manage", public_id=application.vacancy.public_id)


@login_required
@require_POST
def application_make_volunteer(request, public_id):
    application = _application(public_id)
    require(request.user, Action.DECIDE, application)
    try:
        volunteer = services.application_make_volunteer(application=application, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("volunteers:vacancy_manage", public_id=application.vacancy.public_id)
    messages.success(request, _("%(name)s is vastgelegd als vrijwilliger.") % {"name": volunteer.person})
    return redirect("volunteers:detail", public_id=volunteer.public_id)


@login_required
@require_POST
def application_withdraw(request, public_id):
    application = _application(public_id)
    require(request.user, Action.WITHDRAW, application)
    try:
        services.application_withdraw(application=application, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw reactie is ingetrokken."))
    if can(request.user, Action.VACANCY_MANAGE, application.vacancy):
        return redirect("volunteers:vacancy_manage", public_id=application.vacancy.public_id)
    return redirect("volunteers:mine")


@login_required
@require_POST
def certificate_add(request, public_id):
    volunteer = get_object_or_404(Volunteer.objects.with_areas(), public_id=public_id)
    require(request.user, Action.MANAGE, volunteer)
    form = CertificateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.certificate_record(volunteer=volunteer, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Vastgelegd."))
    return redirect("volunteers:detail", public_id=volunteer.public_id)
