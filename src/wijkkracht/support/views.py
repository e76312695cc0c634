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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.places.models import District, Neighbourhood
from wijkkracht.workflow.maps import workflow_for
from wijkkracht.workflow.models import StateChange
from wijkkracht.workflow.services import available_moves

from . import services
from .constants import MoveLabel, Outcome, RequestStatus
from .forms import AskForm, MoveForm, OwnerForm, TakeForm
from .models import HelpRequest, RequestAccess
from .permissions import Action, can, is_own, person_of, visible_to

PAGE_SIZE = 25
ACCESS_SHOWN = 50


def _require(user, action: Action, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def _data(request):
    return request.POST if request.method == "POST" else None


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _neighbourhoods(district_ids=None):
    qs = Neighbourhood.objects.select_related("district").order_by("district__name", "name")
    return list(qs if district_ids is None else qs.filter(district_id__in=list(district_ids)))


@require_http_methods(["GET", "POST"])
def ask(request):
    """ "Vraag hulp": the short form, with or without an account. `?wijk=<slug>` offers that district's
    neighbourhoods only (from the district page)."""
    _require(request.user, Action.ASK)
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
        try:
            help_request = services.help_request_ask(actor=request.user, neighbourhood=neighbourhood, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if is_own(request.user, help_request):
                messages.success(request, _("Uw vraag is verstuurd. U ziet hem hieronder."))
                return redirect("support:mine")
            return redirect("support:thanks")
    return render(request, "support/ask.html", {"form": form, "district": district})


@require_GET
def thanks(request):
    _require(request.user, Action.ASK)
    return render(request, "support/thanks.html")


@login_required
@require_http_methods(["GET", "POST"])
def take(request):
    """A professional notes a request for a resident (phone, desk, home visit), in a district they work in."""
    _require(request.user, Action.ASK_ON_BEHALF)
    from wijkkracht.accounts.scope import scope_of

    form = TakeForm(_data(request), neighbourhoods=_neighbourhoods(scope_of(request.user).work_district_ids))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        neighbourhood = data.pop("neighbourhood")
        _require(request.user, Action.ASK_ON_BEHALF, neighbourhood.district)
        try:
            help_request = services.help_request_take(actor=request.user, neighbourhood=neighbourhood, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De vraag is genoteerd. U bent de eigenaar."))
            return redirect(help_request.url)
    return render(request, "support/take.html", {"form": form})


@login_required
@require_GET
def mine(request):
    _require(request.user, Action.MINE)
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
    _require(request.user, Action.QUEUE)
    qs = visible_to(request.user, HelpRequest.objects.for_queue(), Action.HANDLE)
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
    return render(
        request,
        "support/queue.html",
        {
            "page": page,
            "status": status,
            "only_mine": only_mine,
            "statuses": [(s.value, s.label) for s in RequestStatus],
            "may_take": can(request.user, Action.ASK_ON_BEHALF),
        },
    )


def _help_request(public_id) -> HelpRequest:
    return get_object_or_404(
        HelpRequest.objects.select_related("district", "neighbourhood", "owner", "person"), public_id=public_id
    )


def _history(help_request) -> list[StateChange]:
    workflow = workflow_for(help_request)
    changes = list(StateChange.objects.for_object(help_request).select_related("actor"))
    for change in changes:
        change.source_label, change.target_label = workflow.label(change.source), workflow.label(change.target)
    return changes


@require_GET
def detail(request, public_id):
    help_request = _help_request(public_id)
    user = request.user
    if not can(user, Action.VIEW, help_request):
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    services.help_request_view_record(help_request=help_request, actor=user)
    handles = can(user, Action.HANDLE, help_request)
    moves = []
    if handles:
        labels = MoveLabel.LABELS
        moves = [(m, labels.get(m.target, m.target)) for m in available_moves(help_request, by=user)]
    context = {
        "help_request": help_request,
        "handles": handles,
        "may_withdraw": not handles and can(user, Action.CLOSE, help_request),
        "moves": moves,
        "outcomes": Outcome.choices,
        "history": _history(help_request),
    }
    if handles:
        professionals = list(services.district_professionals(help_request.district_id).order_by("display_name"))
        context["owner_form"] = OwnerForm(initial={"owner": help_request.owner_id}, professionals=professionals)
        context["accesses"] = list(RequestAccess.objects.for_request(help_request)[:ACCESS_SHOWN])
    return render(request, "support/detail.html", context)


@login_required
@require_POST
def transition(request, public_id):
    """One move of the map: to a next state, closing with an outcome, or reopening."""
    help_request = _help_request(public_id)
    _require(request.user, Action.VIEW, help_request)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Deze stap bestaat niet."))
        return redirect(help_request.url)
    to, reason = form.cleaned_data["to"], form.cleaned_data["reason"]
    try:
        if to == RequestStatus.CLOSED:
            # A resident can only withdraw; a professional chooses the outcome.
            handles = can(request.user, Action.HANDLE, help_request)
            outcome = form.cleaned_data["outcome"] if handles else Outcome.WITHDRAWN
            services.help_request_close(help_request=help_request, actor=request.user, outcome=outcome, reason=reason)
        elif to == RequestStatus.REOPENED:
            services.help_request_reopen(help_request=help_request, actor=request.user, reason=reason)
        else:
            _require(request.user, Action.HANDLE, help_request)
            services.help_request_move(help_request=help_request, actor=request.user, to=to, reason=reason)
    except ValidationError as error:  # a refused move (TransitionError) is one too
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De vraag is nu: %(status)s.") % {"status": help_request.get_status_display()})
    return redirect(help_request.url)


@login_required
@require_POST
def owner(request, public_id):
    help_request = _help_request(public_id)
    _require(request.user, Action.HANDLE, help_request)
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
