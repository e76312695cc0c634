"""Residents' initiatives and district budgets. Views parse, ask the policy and call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts import policy
from wijkkracht.accounts.policy import require
from wijkkracht.places.models import District
from wijkkracht.validators import add_service_errors
from wijkkracht.workflow.web import history, move_buttons, post_move

from . import services
from .constants import ACTIVITY_FROM_INITIATIVE, ACTIVITY_VIEW, InitiativeStatus, MoveLabel
from .forms import GrantForm, InitiativeForm, OnBehalfForm, ReceiptForm
from .models import DistrictBudget, Initiative, Milestone, Receipt
from .permissions import Action, can, person_of, visible_to
from .query import backed_by, tailoring_of

PAGE_SIZE = 25


def _data(request):
    return request.POST if request.method == "POST" else None


def _initiative(public_id) -> Initiative:
    return get_object_or_404(
        Initiative.objects.select_related("district__initiative_settings", "initiator").with_backing_count(),
        public_id=public_id,
    )


@require_GET
def initiative_list(request):
    require(request.user, Action.LIST)
    qs = visible_to(request.user, Initiative.objects.for_list(), Action.VIEW).order_by("-created_at", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    person = person_of(request.user)
    mine = backed_by(person, [i.pk for i in page]) if person else set()
    for initiative in page:
        initiative.backed = initiative.pk in mine
    return render(
        request,
        "initiatives/list.html",
        {
            "page": page,
            "may_propose": can(request.user, Action.PROPOSE),
            "may_propose_on_behalf": can(request.user, Action.PROPOSE_ON_BEHALF),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_propose(request):
    require(request.user, Action.PROPOSE)
    person = person_of(request.user)
    district = person.neighbourhood.district
    tailoring = tailoring_of(district)
    form = InitiativeForm(_data(request))
    form.fields["category"].choices = tailoring.categories  # the kinds this district asks for
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_propose(
                initiator=person, district=district, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw initiatief is ingediend. De gebruikersraad van uw wijk kijkt ernaar."))
            return redirect(initiative.url)
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "district": district, "initiative": None, "closed": not tailoring.takes_initiatives},
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_propose_on_behalf(request):
    from wijkkracht.people.models import Person

    require(request.user, Action.PROPOSE_ON_BEHALF)
    form = OnBehalfForm(_data(request), districts=District.objects.order_by("name"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        email, district = data.pop("initiator_email").strip().lower(), data.pop("district")
        require(request.user, Action.PROPOSE_ON_BEHALF, district)  # only where the professional works
        initiator = Person.objects.with_active_account(email).first()
        if initiator is None:
            form.add_error("initiator_email", _("We vinden geen bewoner met een account met dit e-mailadres."))
        else:
            try:
                initiative = services.initiative_propose(
                    initiator=initiator, district=district, actor=request.user, **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het initiatief is ingediend namens de bewoner."))
                return redirect(initiative.url)
    return render(request, "initiatives/form.html", {"form": form, "on_behalf": True, "initiative": None})


@require_GET
def initiative_detail(request, public_id):
    initiative = _initiative(public_id)
    if not can(request.user, Action.VIEW, initiative):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    user = request.user
    person = person_of(user)
    close = can(user, Action.RECEIPT_VIEW, initiative)  # initiator, council, professionals of the district
    grant = getattr(initiative, "grant", None) if close else None
    budget = None
    may_grant = can(user, Action.GRANT, initiative) and grant is None and tailoring_of(initiative.district).uses_budget
    if may_grant:
        budget = DistrictBudget.objects.current(initiative.district, timezone.localdate().year).with_remaining().first()
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "backed": bool(person and backed_by(person, [initiative.pk])),
            "may_back": can(user, Action.BACK, initiative),
            "may_edit": can(user, Action.EDIT, initiative),
            "may_checklist": can(user, Action.CHECKLIST, initiative),
            "may_receipt": can(user, Action.RECEIPT_ADD, initiative) and grant is not None,
            "may_grant": may_grant,
            "close": close,
            "grant": grant,
            "budget": budget,
            "receipts": list(grant.receipts.all()) if grant else [],
            "milestones": list(initiative.milestones.all()) if close else [],
            "history": history(initiative) if close else [],
            "moves": move_buttons(initiative, user, MoveLabel.LABELS),
            "may_make_activity": policy.can(user, ACTIVITY_FROM_INITIATIVE, initiative),
            "activities": list(
                policy.visible_to(user, initiative.activities.order_by("pk"), ACTIVITY_VIEW).only(
                    "public_id", "title", "status"
                )
            )
            if initiative.status in (InitiativeStatus.APPROVED, InitiativeStatus.DONE)
            else [],
            "grant_form": GrantForm(),
            "receipt_form": ReceiptForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, public_id):
    initiative = _initiative(public_id)
    require(request.user, Action.EDIT, initiative)
    initial = {name: getattr(initiative, name) for name in services.INITIATIVE_FIELDS}
    form = InitiativeForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(initiative=initiative, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw initiatief is opgeslagen."))
            return redirect(initiative.url)
    return render(request, "initiatives/form.html", {"form": form, "initiative": initiative})


@login_required
@require_POST
def initiative_back(request, public_id):
    initiative = _initiative(public_id)
    require(request.user, Action.BACK, initiative)
    try:
        services.initiative_back(initiative=initiative, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Bedankt! U steunt dit initiatief."))
    return redirect(initiative.url)


INITIATIVE_MOVES = {
    InitiativeStatus.PROPOSED: lambda i, user, reason: services.initiative_resubmit(initiative=i, actor=user),
    InitiativeStatus.DONE: lambda i, user, reason: services.initiative_finish(initiative=i, actor=user),
    InitiativeStatus.APPROVED: lambda i, user, reason: services.initiative_decide(
        initiative=i, actor=user, to=InitiativeStatus.APPROVED, reason=reason
    ),
    InitiativeStatus.DECLINED: lambda i, user, reason: services.initiative_decide(
        initiative=i, actor=user, to=InitiativeStatus.DECLINED, reason=reason
    ),
    InitiativeStatus.NEEDS_CHANGES: lambda i, user, reason: services.initiative_decide(
        initiative=i, actor=user, to=InitiativeStatus.NEEDS_CHANGES, reason=reason
    ),
}


@login_required
@require_POST
def initiative_transition(request, public_id):
    initiative = _initiative(public_id)
    require(request.user, Action.VIEW, initiative)
    return post_move(
        request,
        initiative,
        INITIATIVE_MOVES,
        success=_("Het initiatief is nu: %(status)s."),
        redirect_to=initiative.url,
    )


@login_required
@require_POST
def grant_award(request, public_id):
    initiative = _initiative(public_id)
    require(request.user, Action.GRANT, initiative)
    form = GrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een bedrag in, bijvoorbeeld 250."))
        return redirect(initiative.url)
    try:
        grant = services.grant_award(initiative=initiative, amount=form.cleaned_data["amount"], actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("€ %(amount)s toegekend uit het wijkbudget.") % {"amount": grant.amount})
    return redirect(initiative.url)


@login_required
@require_POST
def milestone_set(request, public_id, step):
    initiative = _initiative(public_id)
    require(request.user, Action.CHECKLIST, initiative)
    milestone = get_object_or_404(Milestone, initiative=initiative, order=step)
    milestone.initiative = initiative
    services.milestone_set(milestone=milestone, actor=request.user, done=request.POST.get("done") == "1")
    return redirect(f"{initiative.url}#stappen")


@login_required
@require_POST
def receipt_add(request, public_id):
    initiative = _initiative(public_id)
    require(request.user, Action.RECEIPT_ADD, initiative)
    form = ReceiptForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(initiative.url)
    try:
        services.receipt_add(
            initiative=initiative,
            actor=request.user,
            upload=form.cleaned_data["file"],
            amount=form.cleaned_data["amount"],
            description=form.cleaned_data["description"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het bonnetje is opgeslagen. Dank u wel!"))
    return redirect(initiative.url)


@login_required
@require_GET
def receipt_download(request, public_id, receipt_id):
    initiative = _initiative(public_id)
    require(request.user, Action.RECEIPT_VIEW, initiative)
    receipt = get_object_or_404(Receipt, grant__initiative=initiative, public_id=receipt_id)
    content_type = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}[receipt.kind]
    with receipt.file.open("rb") as stored:  # at most 5 MB: read whole, so HEAD and GET answer alike
        response = HttpResponse(stored.read(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="bonnetje-{receipt.public_id}.{receipt.kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def budgets(request):
    require(request.user, Action.BUDGET_VIEW)
    year = timezone.localdate().year
    rows = list(
        DistrictBudget.objects.filter(year=year).select_related("district").with_remaining().order_by("district__name")
    )
    return render(request, "initiatives/budgets.html", {"rows": rows, "year": year})
