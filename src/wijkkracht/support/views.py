"""Help requests. Views parse, ask the policy and call services; they never write models themselves.

The professional's queue shows no personal data (no name, no phone, no question): opening a request is what
shows it, and every opening by someone other than the resident is written to the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts import throttle
from wijkkracht.accounts.policy import require
from wijkkracht.accounts.services import throttle_record
from wijkkracht.places.models import District, Neighbourhood
from wijkkracht.validators import add_service_errors, post_form
from wijkkracht.volunteers.models import Volunteer
from wijkkracht.workflow.web import history, move_buttons, post_move

from . import ranking, services, throttling
from .constants import LIVE_MATCH, AccessPurpose, MatchStatus, MoveLabel, Outcome, RequestStatus
from .forms import (
    AskForm,
    ContactAnswerForm,
    FollowUpForm,
    IntakeForm,
    LadderStepForm,
    NetworkContactForm,
    OwnerForm,
    ReferralForm,
    TakeForm,
)
from .models import FollowUp, HelpRequest, Match, NetworkContact, RequestAccess
from .permissions import Action, can, is_own, person_of, visible_to
from .query import list_rows

PAGE_SIZE = 25
ACCESS_SHOWN = 50


def _data(request):
    return request.POST if request.method == "POST" else None


def _neighbourhoods(district_ids=None):
    qs = Neighbourhood.objects.select_related("district").order_by("district__name", "name")
    return list(qs if district_ids is None else qs.filter(district_id__in=list(district_ids)))


@require_http_methods(["GET", "POST"])
def ask(request):
    """ "Vraag hulp": the short form, with or without an account. `?wijk=<slug>` offers that district's
    neighbourhoods only (from the district page)."""
    require(request.user, Action.ASK)
    district = None
    if request.GET.get("wijk"):
        district = District.objects.filter(slug=request.GET["wijk"]).first()
    person = person_of(request.user)
    neighbourhoods = _neighbourhoods(None if district is None else [district.pk])
    has_email = bool(getattr(request.user, "email", "")) and person is not None
    initial = {}
    if person is not None:
        initial = {"contact_name": str(person), "contact_phone": person.phone, "neighbourhood": person.neighbourhood_id}
    form = AskForm(_data(request), initial=initial, neighbourhoods=neighbourhoods, phone_required=not has_email)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        neighbourhood = data.pop("neighbourhood")
        checks = [] if request.user.is_authenticated else throttling.ask_checks(request, data["contact_phone"])
        wait = throttle.wait_seconds(checks) if checks else 0
        if wait:  # nothing is asked; the form comes back with what was typed
            response = render(
                request, "support/ask.html", {"form": form, "district": district, "throttled": _wait(wait)}, status=429
            )
            response["Retry-After"] = str(wait)
            return response
        try:
            help_request = services.help_request_ask(actor=request.user, neighbourhood=neighbourhood, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if checks:
                throttle_record(checks=checks)
            if is_own(request.user, help_request):
                messages.success(request, _("Uw vraag is verstuurd. U ziet hem hieronder."))
                return redirect("support:mine")
            return redirect("support:thanks")
    return render(request, "support/ask.html", {"form": form, "district": district})


def _wait(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "U hebt al een paar vragen gestuurd. Wacht %(minutes)d minuut en stuur het dan opnieuw, of bel ons.",
        "U hebt al een paar vragen gestuurd. Wacht %(minutes)d minuten en stuur het dan opnieuw, of bel ons.",
        minutes,
    ) % {"minutes": minutes}


@require_GET
def thanks(request):
    require(request.user, Action.ASK)
    return render(request, "support/thanks.html")


@login_required
@require_http_methods(["GET", "POST"])
def take(request):
    """A professional notes a request for a resident (phone, desk, home visit), in a district they work in."""
    require(request.user, Action.ASK_ON_BEHALF)
    from wijkkracht.accounts.scope import scope_of

    form = TakeForm(_data(request), neighbourhoods=_neighbourhoods(scope_of(request.user).work_district_ids))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        neighbourhood = data.pop("neighbourhood")
        require(request.user, Action.ASK_ON_BEHALF, neighbourhood.district)
        try:
            help_request = services.help_request_take(actor=request.user, neighbourhood=neighbourhood, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De vraag is genoteerd. U bent de eigenaar."))
            return redirect(help_request.url)
    return render(request, "support/take.html", {"form": form})


@login_required
@require_GET
def mine(request):
    require(request.user, Action.MINE)
    person = person_of(request.user)
    rows = (
        list(HelpRequest.objects.of_person(person).select_related("neighbourhood").order_by("-created_at", "-pk"))
        if person is not None
        else []
    )
    return render(request, "support/mine.html", {"rows": rows})


@login_required
@require_GET
def queue(request):
    """The requests of the districts the professional works in: the most urgent and oldest first."""
    require(request.user, Action.QUEUE)
    qs = visible_to(request.user, HelpRequest.objects.for_list(), Action.HANDLE)
    status = request.GET.get("status", "")
    if status == "closed":
        qs = qs.closed()
    elif status in RequestStatus.values:
        qs = qs.filter(status=status)
    else:
        status = ""
        qs = qs.open()
    only_mine = request.GET.get("mijn") == "1"
    if only_mine:
        qs = qs.owned_by(request.user)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = list_rows(page.object_list, request.user)
    return render(
        request,
        "support/queue.html",
        {
            "page": page,
            "status": status,
            "only_mine": only_mine,
            "statuses": [(s.value, s.label) for s in RequestStatus],
            "may_take": can(request.user, Action.ASK_ON_BEHALF),
            "match_districts": _match_districts(request.user),
        },
    )


def _match_districts(user) -> list:
    from wijkkracht.accounts.scope import scope_of

    districts = District.objects.filter(pk__in=list(scope_of(user).work_district_ids)).order_by("name")
    return [d for d in districts if can(user, Action.MATCH_ALL, d)]


def _help_request(public_id) -> HelpRequest:
    return get_object_or_404(
        HelpRequest.objects.select_related("district", "neighbourhood", "owner", "person"), public_id=public_id
    )


@require_GET
def detail(request, public_id):
    help_request = _help_request(public_id)
    user = request.user
    if not can(user, Action.VIEW, help_request):
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    if not getattr(request, "head_only", False):  # a HEAD request shows nothing: no access to log
        services.help_request_view_record(help_request=help_request, actor=user)
    handles = can(user, Action.HANDLE, help_request)
    moves = move_buttons(help_request, user, MoveLabel.LABELS) if handles else []
    context = {
        "help_request": help_request,
        "handles": handles,
        "may_withdraw": not handles and can(user, Action.CLOSE, help_request),
        "moves": moves,
        "outcomes": Outcome.choices,
        "history": history(help_request),
    }
    if handles:
        professionals = list(services.district_professionals(help_request.district_id).order_by("display_name"))
        context["owner_form"] = OwnerForm(initial={"owner": help_request.owner_id}, professionals=professionals)
        purposes = {value: str(label) for value, label in AccessPurpose.choices}  # once, not per row
        context["accesses"] = accesses = list(RequestAccess.objects.for_request(help_request)[:ACCESS_SHOWN])
        for access in accesses:
            access.purpose_label = purposes.get(access.purpose, access.purpose)
        context["network"] = list(help_request.network.all())
        context["ladder"] = list(help_request.ladder.select_related("recorded_by"))
        context["referrals"] = list(help_request.referrals.select_related("referred_by"))
        context["intake_form"] = IntakeForm(initial={n: getattr(help_request, n) for n in services.INTAKE_FIELDS})
        context["contact_form"] = NetworkContactForm()
        context["answer_choices"] = ContactAnswerForm.base_fields["answer"].choices
        context["ladder_form"] = LadderStepForm()
        context["referral_form"] = ReferralForm()
        context["follow_ups"] = list(help_request.follow_ups.all())
        context["follow_up_form"] = FollowUpForm()
        context.update(_matching_context(help_request))
    return render(request, "support/detail.html", context)


def _close(request):
    def close(help_request, user, reason):
        # A resident can only withdraw; a professional chooses the outcome.
        handles = can(user, Action.HANDLE, help_request)
        outcome = request.POST.get("outcome", "") if handles else Outcome.WITHDRAWN
        return services.help_request_close(help_request=help_request, actor=user, outcome=outcome, reason=reason)

    return close


def _move(to):
    def move(help_request, user, reason):
        require(user, Action.HANDLE, help_request)
        return services.help_request_move(help_request=help_request, actor=user, to=to, reason=reason)

    return move


@login_required
@require_POST
def transition(request, public_id):
    """One move of the map: to a next state, closing with an outcome, or reopening."""
    help_request = _help_request(public_id)
    require(request.user, Action.VIEW, help_request)
    moves = {
        **{s: _move(s) for s in RequestStatus if s not in (RequestStatus.CLOSED, RequestStatus.REOPENED)},
        RequestStatus.CLOSED: _close(request),
        RequestStatus.REOPENED: lambda obj, user, reason: services.help_request_reopen(
            help_request=obj, actor=user, reason=reason
        ),
    }
    return post_move(
        request, help_request, moves, success=_("De vraag is nu: %(status)s."), redirect_to=help_request.url
    )


@login_required
@require_POST
def owner(request, public_id):
    help_request = _help_request(public_id)
    require(request.user, Action.HANDLE, help_request)
    professionals = list(services.district_professionals(help_request.district_id))
    form = OwnerForm(request.POST, professionals=professionals)
    if not form.is_valid():
        messages.error(request, _("Kies een beroepskracht die in deze wijk werkt."))
        return redirect(help_request.url)
    try:
        services.help_request_set_owner(help_request=help_request, actor=request.user, owner=form.cleaned_data["owner"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De eigenaar is gewijzigd."))
    return redirect(help_request.url)


def _handled(request, public_id) -> HelpRequest:
    help_request = _help_request(public_id)
    require(request.user, Action.HANDLE, help_request)
    return help_request


def _post(request, help_request, form, write, success: str, anchor: str):
    """Validate `form`, call `write(**cleaned_data)`; a refusal becomes an error message, nothing changed."""
    return post_form(request, form, write, success=success, to=f"{help_request.url}#{anchor}")


@login_required
@require_POST
def intake(request, public_id):
    help_request = _handled(request, public_id)
    return _post(
        request,
        help_request,
        IntakeForm(request.POST),
        lambda **data: services.help_request_intake_save(help_request=help_request, actor=request.user, **data),
        _("De intake is opgeslagen."),
        "intake",
    )


@login_required
@require_POST
def contact_add(request, public_id):
    help_request = _handled(request, public_id)
    return _post(
        request,
        help_request,
        NetworkContactForm(request.POST),
        lambda **data: services.network_contact_add(help_request=help_request, actor=request.user, **data),
        _("De persoon uit het netwerk is toegevoegd."),
        "netwerk",
    )


@login_required
@require_POST
def contact_answer(request, public_id, contact_id):
    help_request = _handled(request, public_id)
    contact = get_object_or_404(NetworkContact, help_request=help_request, public_id=contact_id)
    contact.help_request = help_request
    return _post(
        request,
        help_request,
        ContactAnswerForm(request.POST),
        lambda **data: services.network_contact_answer(contact=contact, actor=request.user, **data),
        _("Het antwoord is opgeslagen."),
        "netwerk",
    )


@login_required
@require_POST
def ladder(request, public_id):
    help_request = _handled(request, public_id)
    return _post(
        request,
        help_request,
        LadderStepForm(request.POST),
        lambda **data: services.ladder_step_record(help_request=help_request, actor=request.user, **data),
        _("De stap op de ladder is vastgelegd."),
        "ladder",
    )


@login_required
@require_POST
def referral(request, public_id):
    help_request = _handled(request, public_id)
    return _post(
        request,
        help_request,
        ReferralForm(request.POST),
        lambda **data: services.referral_record(help_request=help_request, actor=request.user, **data),
        _("De doorverwijzing is vastgelegd."),
        "ladder",
    )


@login_required
@require_GET
def escalations(request):
    """The safety net of the professional's districts: overdue requests (no owner, intake late, no helper in
    time) and the check-ins with vulnerable residents that are due. No personal data, like the queue."""
    require(request.user, Action.QUEUE)
    now = timezone.now()
    overdue = visible_to(request.user, HelpRequest.objects.for_list(), Action.HANDLE).overdue(now)
    handled = visible_to(request.user, HelpRequest.objects.all(), Action.HANDLE).values("pk")
    follow_ups = (
        FollowUp.objects.due(timezone.localdate())
        .filter(help_request__in=handled)
        .select_related("help_request__neighbourhood")
        .only(
            "public_id",
            "due_on",
            "help_request__public_id",
            "help_request__category",
            "help_request__neighbourhood__name",
        )
        .order_by("due_on", "pk")
    )
    page = Paginator(overdue, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = list_rows(page.object_list, request.user)
    return render(
        request,
        "support/escalations.html",
        {"overdue": page.object_list, "page": page, "follow_ups": list(follow_ups[:PAGE_SIZE]), "now": now},
    )


@login_required
@require_POST
def follow_up_done(request, public_id, follow_up_id):
    help_request = _handled(request, public_id)
    follow_up = get_object_or_404(FollowUp, help_request=help_request, public_id=follow_up_id)
    follow_up.help_request = help_request
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_done(follow_up=follow_up, actor=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het nagesprek is vastgelegd."))
    return redirect(f"{help_request.url}#nagesprek")


SUPPRESS_BELOW = 5  # counts under 5 are not shown (they could point at a person)


@login_required
@require_GET
def figures(request):
    """Help requests in figures per district, this year: counts only, under 5 shown as "fewer than 5"."""
    require(request.user, Action.FIGURES)
    year = timezone.localdate().year
    qs = visible_to(request.user, HelpRequest.objects.filter(created_at__year=year), Action.FIGURES)
    columns = ("asked", "open", "resolved", "referred", "withdrawn")
    rows = [
        {
            "district": r["district__name"],
            "cells": [r[c] if r[c] >= SUPPRESS_BELOW or r[c] == 0 else None for c in columns],
        }
        for r in qs.figures_per_district()
    ]
    return render(request, "support/figures.html", {"rows": rows, "year": year})


# ----------------------------------------------------------------------------------------------------------------
# Matching: the professional's ranked helpers and the batch; the helper's own page.


def _matching_context(help_request: HelpRequest) -> dict:
    matches = list(help_request.matches.select_related("volunteer__person").order_by("created_at", "pk"))
    live = next((m for m in matches if m.status in LIVE_MATCH), None)
    ranked = []
    if help_request.status == RequestStatus.MATCHING and (live is None or live.status == MatchStatus.PROPOSED):
        ranked = ranking.ranked_helpers(help_request, today=timezone.localdate())
    return {"matches": matches, "live_match": live, "ranked": ranked}


def _match_of(help_request: HelpRequest, match_id) -> Match:
    match = get_object_or_404(Match.objects.select_related("volunteer"), help_request=help_request, public_id=match_id)
    match.help_request = help_request
    return match


def _tell(request, write, success: str) -> None:
    try:
        write()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@login_required
@require_POST
def match_offer(request, public_id):
    """The professional asks a helper from the ranked list (POST volunteer=<the volunteer's public id>)."""
    help_request = _handled(request, public_id)
    volunteer = Volunteer.objects.filter(public_id=_uuid(request.POST.get("volunteer"))).first()
    if volunteer is None:
        messages.error(request, _("Kies een helper uit de lijst."))
    else:
        _tell(
            request,
            lambda: services.match_offer(help_request=help_request, volunteer=volunteer, actor=request.user),
            _("De helper is gevraagd. U ziet hier of hij of zij ja zegt."),
        )
    return redirect(f"{help_request.url}#helper")


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@login_required
@require_POST
def match_confirm(request, public_id, match_id):
    help_request = _handled(request, public_id)
    match = _match_of(help_request, match_id)
    _tell(
        request,
        lambda: services.match_confirm(match=match, actor=request.user),
        _("Het voorstel is bevestigd: de helper is gevraagd."),
    )
    return redirect(f"{help_request.url}#helper")


@login_required
@require_POST
def match_cancel(request, public_id, match_id):
    help_request = _handled(request, public_id)
    match = _match_of(help_request, match_id)
    _tell(request, lambda: services.match_cancel(match=match, actor=request.user), _("De koppeling is ingetrokken."))
    return redirect(f"{help_request.url}#helper")


@login_required
@require_GET
def helping(request):
    """The helper's own page: the requests they were asked for and said yes to, with only what they need.
    Name and phone only after they said yes and only when the resident agreed to share; every view is logged."""
    require(request.user, Action.HELPING)
    person = person_of(request.user)
    rows = (
        list(
            Match.objects.filter(volunteer__person=person)
            .exclude(status=MatchStatus.PROPOSED)
            .select_related("volunteer", "help_request__neighbourhood", "help_request__district")
            .order_by("-created_at", "-pk")[:50]
        )
        if person is not None
        else []
    )
    shown = [m for m in rows if m.status in (MatchStatus.OFFERED, MatchStatus.ACCEPTED) and m.help_request.is_open]
    services.matches_view_record(matches=shown, actor=request.user)
    return render(request, "support/helping.html", {"rows": rows})


@login_required
@require_POST
def match_answer(request, match_id):
    """The helper says yes (answer=yes) or no (answer=no)."""
    match = get_object_or_404(Match.objects.select_related("volunteer", "help_request"), public_id=match_id)
    require(request.user, Action.ANSWER, match)
    answer = request.POST.get("answer")
    if answer == "yes":
        _tell(
            request,
            lambda: services.match_accept(match=match, actor=request.user),
            _("Dank u wel! U ziet nu de naam en het telefoonnummer, als de bewoner dat goedvond."),
        )
    elif answer == "no":
        _tell(
            request,
            lambda: services.match_decline(match=match, actor=request.user),
            _("Jammer, maar duidelijk. We vragen iemand anders."),
        )
    else:
        messages.error(request, _("Kies ja of nee."))
    return redirect("support:helping")


def _district_for_matching(request, slug) -> District:
    district = get_object_or_404(District, slug=slug)
    require(request.user, Action.MATCH_ALL, district)
    return district


@login_required
@require_http_methods(["GET", "POST"])
def match_all(request, slug):
    """ "Match all open requests" of a district: GET shows the proposals waiting for confirmation, POST asks the
    engine for the best overall assignment and writes it as proposals."""
    district = _district_for_matching(request, slug)
    if request.method == "POST":
        made = services.match_propose_all(district=district, actor=request.user)
        if made:
            messages.success(
                request,
                ngettext("%(n)d voorstel gemaakt.", "%(n)d voorstellen gemaakt.", len(made)) % {"n": len(made)},
            )
        else:
            messages.info(request, _("Er is geen nieuw voorstel: geen open vraag zonder helper, of niemand past."))
        return redirect("support:match_all", slug=district.slug)
    proposals = list(
        Match.objects.proposed()
        .filter(help_request__district=district)
        .select_related("volunteer__person", "help_request__neighbourhood")
        .order_by("help_request__created_at", "pk")[:200]
    )
    waiting = (
        HelpRequest.objects.filter(district=district, status=RequestStatus.MATCHING)
        .exclude(pk__in=Match.objects.live().values("help_request_id"))
        .count()
    )
    return render(request, "support/match_all.html", {"district": district, "proposals": proposals, "waiting": waiting})


@login_required
@require_POST
def match_confirm_all(request, slug):
    district = _district_for_matching(request, slug)
    asked, refused = services.match_confirm_all(district=district, actor=request.user)
    messages.success(request, ngettext("%(n)d helper gevraagd.", "%(n)d helpers gevraagd.", asked) % {"n": asked})
    if refused:
        messages.error(
            request,
            ngettext(
                "%(n)d voorstel past niet meer en staat nog open; bekijk het bij de vraag.",
                "%(n)d voorstellen passen niet meer en staan nog open; bekijk ze bij de vraag.",
                refused,
            )
            % {"n": refused},
        )
    return redirect("support:match_all", slug=district.slug)
