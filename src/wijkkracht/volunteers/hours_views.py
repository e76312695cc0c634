"""Hours: the volunteer writes them on their own page; the professional approves or declines them (with a
reason) and sees the totals per volunteer, centre and district over a period."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import DeclineForm, HoursForm, PeriodForm
from .models import HoursEntry, Volunteer
from .permissions import Action, can, person_of, visible_to


def _require(user, action: Action, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


@login_required
@require_POST
def hours_log(request):
    person = person_of(request.user)
    volunteer = Volunteer.objects.with_areas().filter(person=person).first() if person else None
    _require(request.user, Action.HOURS_LOG, volunteer)
    form = HoursForm(request.POST, centres=list(volunteer.centres.all()))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("volunteers:mine")
    try:
        services.hours_log(volunteer=volunteer, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw uren zijn geschreven. De beroepskracht keurt ze goed."))
    return redirect("volunteers:mine")


@login_required
@require_GET
def hours(request):
    """Hours to approve, and the approved totals per volunteer, centre and district over a period."""
    _require(request.user, Action.HOURS_VIEW)
    rows = visible_to(request.user, HoursEntry.objects.all(), Action.HOURS_VIEW)
    waiting = list(
        visible_to(request.user, HoursEntry.objects.waiting(), Action.HOURS_DECIDE)
        .select_related("volunteer__person", "centre")
        .order_by("date", "pk")[:100]
    )
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    approved = rows.approved().between(start, end)
    by_volunteer = approved.totals(
        "volunteer__public_id", "volunteer__person__first_name", "volunteer__person__last_name"
    )
    return render(
        request,
        "volunteers/hours.html",
        {
            "waiting": waiting,
            "decline_form": DeclineForm(),
            "form": form,
            "start": start,
            "end": end,
            "by_volunteer": by_volunteer,
            "by_centre": approved.totals("centre__name"),
            "by_district": approved.totals("district__name"),
            "total": sum((row["total"] for row in by_volunteer), start=0),
        },
    )


@login_required
@require_POST
def hours_decide(request, public_id):
    entry = get_object_or_404(
        HoursEntry.objects.select_related("volunteer").prefetch_related("volunteer__centres", "volunteer__districts"),
        public_id=public_id,
    )
    _require(request.user, Action.HOURS_DECIDE, entry)
    approve = request.POST.get("to") == "approved"
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.hours_decide(entry=entry, actor=request.user, approve=approve, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Goedgekeurd.") if approve else _("Afgewezen; de vrijwilliger ziet de reden."))
    return redirect("volunteers:hours")
