"""Concerns. Views parse, ask the policy and call services; they never write models themselves.

The professional's queue shows no personal data (topic, neighbourhood, dates, priority, state): opening a concern
shows it, and every opening is written to the access log. The reporter's list shows their own words, the state
and the closing feedback, nothing of what was done about the person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.policy import require
from wijkkracht.accounts.services import throttle_record
from wijkkracht.organisations.models import Organisation
from wijkkracht.places.models import Neighbourhood
from wijkkracht.support import services as support_services
from wijkkracht.support.handover import HandOverForm
from wijkkracht.validators import add_service_errors, post_form
from wijkkracht.workflow.web import history, move_buttons, post_move

from . import services, throttling
from .constants import FEEDBACK_TEXT, ConcernStatus, Feedback, MoveLabel, Topic
from .forms import CloseForm, RaiseForm, StepForm, TriageForm
from .models import Concern, ConcernAccess
from .permissions import Action, visible_to

PAGE_SIZE = 25
ACCESS_SHOWN = 50
REPORTER_STATUS = {
    ConcernStatus.NEW: gettext_lazy("ontvangen"),
    ConcernStatus.TRIAGED: gettext_lazy("de beroepskracht kijkt ernaar"),
    ConcernStatus.CLOSED: gettext_lazy("klaar"),
}
SUPPRESS_BELOW = 5  # counts under 5 are not shown (they could point at a person)


def _data(request):
    return request.POST if request.method == "POST" else None


def _wait_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "U hebt veel meldingen kort na elkaar gedaan. Wacht %(minutes)s minuut en probeer het dan opnieuw.",
        "U hebt veel meldingen kort na elkaar gedaan. Wacht %(minutes)s minuten en probeer het dan opnieuw.",
        minutes,
    ) % {"minutes": minutes}


@login_required
@require_http_methods(["GET", "POST"])
def raise_concern(request):
    """ "Zorg melden": the short form for a resident, volunteer or partner."""
    require(request.user, Action.RAISE)
    neighbourhoods = list(Neighbourhood.objects.select_related("district").order_by("district__name", "name"))
    person = getattr(request.user, "person", None)  # None: an account without a Person
    initial = {"neighbourhood": person.neighbourhood_id} if person is not None else {}
    form = RaiseForm(_data(request), initial=initial, neighbourhoods=neighbourhoods)
    status, wait = 200, 0
    if request.method == "POST" and form.is_valid():
        checks = throttling.checks(request)
        wait = throttling.wait_seconds(checks)
        if wait:
            form.add_error(None, _wait_message(wait))
            status = 429
        else:
            data = dict(form.cleaned_data)
            try:
                services.concern_raise(actor=request.user, neighbourhood=data.pop("neighbourhood"), **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                throttle_record(checks=checks)
                messages.success(
                    request,
                    _("Dank u. De beroepskracht van de wijk kijkt ernaar. U ziet hier wanneer de melding klaar is."),
                )
                return redirect("concerns:mine")
    response = render(request, "concerns/raise.html", {"form": form}, status=status)
    if wait:
        response["Retry-After"] = str(wait)
    return response


@login_required
@require_GET
def mine(request):
    """The reporter's own concerns: their words, the state, the feedback. Nothing about what was done."""
    require(request.user, Action.MINE)
    rows = list(
        visible_to(request.user, Concern.objects.select_related("neighbourhood"), Action.MINE).order_by(
            "-created_at", "-pk"
        )
    )
    for row in rows:
        row.feedback_text = FEEDBACK_TEXT.get(row.feedback, "")
        # The reporter sees whether it arrived, is being looked at or is done; not the steps in between.
        row.shown_status = REPORTER_STATUS.get(row.status, REPORTER_STATUS[ConcernStatus.TRIAGED])
    return render(request, "concerns/mine.html", {"rows": rows})


@login_required
@require_GET
def queue(request):
    require(request.user, Action.QUEUE)
    qs = visible_to(request.user, Concern.objects.for_queue(), Action.HANDLE)
    status = request.GET.get("status", "")
    if status in ConcernStatus.values:
        qs = qs.filter(status=status)
    else:
        status = ""
        qs = qs.open()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "concerns/queue.html",
        {"page": page, "status": status, "statuses": ConcernStatus.choices},
    )


def _concern(public_id) -> Concern:
    return get_object_or_404(
        Concern.objects.select_related("district", "neighbourhood", "owner", "reporter"), public_id=public_id
    )


def _handled(request, public_id) -> Concern:
    concern = _concern(public_id)
    require(request.user, Action.HANDLE, concern)
    return concern


@login_required
@require_GET
def detail(request, public_id):
    concern = _concern(public_id)
    require(request.user, Action.VIEW, concern)
    if not getattr(request, "head_only", False):  # a HEAD request shows nothing: no access to log
        services.concern_view_record(concern=concern, actor=request.user)
    professionals = list(support_services.district_professionals(concern.district_id).order_by("display_name"))
    organisations = list(Organisation.objects.filter(municipality_id=concern.district.municipality_id).order_by("name"))
    context = {
        "concern": concern,
        "moves": [
            (move, label)
            for move, label in move_buttons(concern, request.user, MoveLabel.LABELS)
            # Triage has its own form and the first step starts the action: the buttons close and reopen.
            if move.target == ConcernStatus.CLOSED or move.source == ConcernStatus.CLOSED
        ],
        "history": history(concern),
        "steps": list(concern.steps.select_related("organisation", "help_request", "by")),
        "accesses": list(ConcernAccess.objects.for_concern(concern)[:ACCESS_SHOWN]),
        "triage_form": TriageForm(
            initial={"priority": concern.priority, "note": concern.triage_note, "owner": concern.owner_id},
            professionals=professionals,
        ),
        "step_form": StepForm(organisations=organisations),
        "close_form": CloseForm(),
        "feedback_texts": [(value, FEEDBACK_TEXT[value]) for value in Feedback.values],
        "may_act": concern.status in (ConcernStatus.TRIAGED, ConcernStatus.IN_ACTION),
    }
    return render(request, "concerns/detail.html", context)


def _post_form(request, concern, form, write, success: str, anchor: str):
    return post_form(request, form, write, success=success, to=f"{concern.url}#{anchor}")


@login_required
@require_POST
def triage(request, public_id):
    concern = _handled(request, public_id)
    professionals = list(support_services.district_professionals(concern.district_id))
    return _post_form(
        request,
        concern,
        TriageForm(request.POST, professionals=professionals),
        lambda **data: services.concern_triage(concern=concern, actor=request.user, **data),
        _("De beoordeling is opgeslagen."),
        "beoordeling",
    )


@login_required
@require_POST
def step(request, public_id):
    concern = _handled(request, public_id)
    organisations = list(Organisation.objects.filter(municipality_id=concern.district.municipality_id))
    return _post_form(
        request,
        concern,
        StepForm(request.POST, organisations=organisations),
        lambda **data: services.concern_step_record(concern=concern, actor=request.user, **data),
        _("De actie is vastgelegd."),
        "acties",
    )


@login_required
@require_http_methods(["GET", "POST"])
def help_request(request, public_id):
    """The concern becomes a help request (support's service writes it); the professional spoke to the person."""
    concern = _handled(request, public_id)
    neighbourhoods = list(concern.district.neighbourhoods.order_by("name"))
    initial = {"neighbourhood": concern.neighbourhood_id, "contact_name": concern.person_hint}
    form = HandOverForm(_data(request), initial=initial, neighbourhoods=neighbourhoods)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            made = services.concern_to_help_request(
                concern=concern, actor=request.user, neighbourhood=data.pop("neighbourhood"), **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De hulpvraag is gemaakt. U bent de eigenaar."))
            return redirect(made.url)
    return render(request, "concerns/help_request.html", {"form": form, "concern": concern})


@login_required
@require_POST
def transition(request, public_id):
    """Closing (with the feedback for the reporter) and reopening, through the map."""
    concern = _handled(request, public_id)
    moves = {
        ConcernStatus.CLOSED: lambda obj, user, reason: services.concern_close(
            concern=obj, actor=user, feedback=request.POST.get("feedback", ""), reason=reason
        ),
        ConcernStatus.IN_ACTION: lambda obj, user, reason: services.concern_reopen(
            concern=obj, actor=user, reason=reason
        ),
    }
    return post_move(request, concern, moves, success=_("De melding is nu: %(status)s."), redirect_to=concern.url)


@login_required
@require_GET
def figures(request):
    """Concerns in figures per district, this year: counts only, under 5 shown as "fewer than 5"."""
    require(request.user, Action.FIGURES)
    year = timezone.localdate().year
    qs = visible_to(request.user, Concern.objects.filter(created_at__year=year), Action.FIGURES)
    columns = ("raised", "open", "closed", *Topic.values)
    headers = [_("Gemeld"), _("Open"), _("Afgesloten"), *(str(t.label) for t in Topic)]
    rows = [
        {
            "district": r["district__name"],
            "cells": [
                (header, r[c] if r[c] >= SUPPRESS_BELOW or r[c] == 0 else None)
                for header, c in zip(headers, columns, strict=True)
            ],
        }
        for r in qs.figures_per_district()
    ]
    return render(request, "concerns/figures.html", {"rows": rows, "year": year, "headers": headers})
