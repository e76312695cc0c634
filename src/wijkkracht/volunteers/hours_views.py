"""Hours: the volunteer writes them on their own page; the professional approves or declines them (with a
reason) and sees the totals per volunteer, centre and district over a period. And the retention list."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkkracht.accounts.policy import require

from . import services
from .constants import ATTENTION_ACTIONS
from .forms import DeclineForm, HoursForm, PeriodForm
from .models import Attention, HoursEntry, Volunteer
from .permissions import Action, person_of, visible_to


@login_required
@require_POST
def hours_log(request):
    person = person_of(request.user)
    volunteer = Volunteer.objects.with_areas().filter(person=person).first() if person else None
    require(request.user, Action.HOURS_LOG, volunteer)
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
    require(request.user, Action.HOURS_VIEW)
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
    require(request.user, Action.HOURS_DECIDE, entry)
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


def _attention_text(row) -> str:
    from .constants import AttentionReason as R

    d = row.detail
    if row.reason == R.QUIET:
        if not d:
            return _("Nog nooit uren geschreven.")
        return _("Laatste uren op %(d)s.") % {"d": date_format(datetime.date.fromisoformat(d))}
    if row.reason in (R.DROPPING, R.OVER_MAX):
        a, b = d.split("/")
        if row.reason == R.DROPPING:
            return _("%(a)s uur in de laatste 30 dagen; eerder gemiddeld %(b)s uur per 30 dagen.") % {"a": a, "b": b}
        return _("%(a)s uur in de laatste 7 dagen; afgesproken is hoogstens %(b)s uur per week.") % {"a": a, "b": b}
    when = date_format(datetime.date.fromisoformat(d))
    if row.reason == R.VOG_LAPSING:
        return _("VOG geldig tot en met %(d)s.") % {"d": when}
    return _("Pauze tot en met %(d)s.") % {"d": when}


@login_required
@require_GET
def attention(request):
    """The retention list: volunteers who need attention, why, since when, and a suggested action."""
    require(request.user, Action.ATTENTION_VIEW)
    rows = list(
        visible_to(request.user, Attention.objects.all(), Action.ATTENTION_VIEW)
        .select_related("volunteer__person")
        .order_by("since", "volunteer__person__first_name", "pk")
    )
    for row in rows:
        row.text, row.action = _attention_text(row), ATTENTION_ACTIONS[row.reason]
    return render(request, "volunteers/attention.html", {"rows": rows})
