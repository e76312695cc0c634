"""Figures and care for volunteers: the recruitment and retention dashboard (counts only), the yearly
appreciation list, the statement of hours (PDF) and messages to groups of volunteers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.policy import require
from wijkkracht.activities.models import Activity
from wijkkracht.places.models import District
from wijkkracht.validators import add_service_errors

from . import services
from .constants import HoursStatus, VacancyStatus
from .figures import SUPPRESS_BELOW, chart_rows, kept_figures
from .forms import MessageForm, MessagesForm, YearForm
from .models import HoursEntry, Message, Recognition, Vacancy, Volunteer
from .permissions import Action, person_of, visible_to


@login_required
@require_GET
def figures_page(request):
    require(request.user, Action.FIGURES)
    today = timezone.localdate()
    data = kept_figures(visible_to(request.user, Volunteer.objects.all(), Action.FIGURES), today=today)
    return render(
        request,
        "volunteers/figures.html",
        {
            "data": data,
            "bars": chart_rows(data.months),
            "chart_height": 22 * len(data.months) + 4,
            "suppress_below": SUPPRESS_BELOW,
        },
    )


def _year(request) -> int:
    form = YearForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["jaar"]:
        return form.cleaned_data["jaar"]
    return timezone.localdate().year


@login_required
@require_GET
def appreciation(request):
    """The yearly appreciation list: every volunteer the professional supports with approved hours or a
    milestone that year, most hours first, with the milestones reached."""
    require(request.user, Action.APPRECIATION)
    year = _year(request)
    mine = visible_to(request.user, Volunteer.objects.all(), Action.APPRECIATION)
    # Subqueries, not joins: a join on hours and milestones together would count each hour once per milestone
    # (and PostgreSQL refuses the grouped filter on the milestones).
    approved = (
        HoursEntry.objects.filter(volunteer=OuterRef("pk"), status=HoursStatus.APPROVED, date__year=year)
        .order_by()
        .values("volunteer")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    milestone = Recognition.objects.filter(volunteer=OuterRef("pk"), reached_on__year=year)
    rows = list(
        mine.annotate(total=Subquery(approved))
        .filter(Q(total__gt=0) | Exists(milestone))
        .select_related("person")
        .order_by(F("total").desc(nulls_last=True), "person__first_name", "pk")[:500]
    )
    reached: dict[int, list[Recognition]] = {}
    for recognition in Recognition.objects.filter(volunteer__in=[r.pk for r in rows], reached_on__year=year):
        reached.setdefault(recognition.volunteer_id, []).append(recognition)
    for row in rows:
        row.milestones = reached.get(row.pk, [])
    return render(
        request,
        "volunteers/appreciation.html",
        {"rows": rows, "year": year, "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1)},
    )


def _statement_response(request, volunteer: Volunteer, back: str):
    year = _year(request) if request.GET.get("jaar") else None
    try:
        pdf = services.hours_statement(volunteer=volunteer, actor=request.user, year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="verklaring-vrijwilligerswerk.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def own_statement(request):
    person = person_of(request.user)
    volunteer = Volunteer.objects.with_areas().filter(person=person).first() if person else None
    if volunteer is None:
        raise PermissionDenied
    require(request.user, Action.STATEMENT, volunteer)
    return _statement_response(request, volunteer, "volunteers:mine")


@login_required
@require_GET
def statement(request, public_id):
    volunteer = get_object_or_404(Volunteer.objects.with_areas(), public_id=public_id)
    require(request.user, Action.STATEMENT, volunteer)
    return _statement_response(request, volunteer, "volunteers:list")


@login_required
@require_POST
def own_messages_setting(request):
    person = person_of(request.user)
    volunteer = Volunteer.objects.with_areas().filter(person=person).first() if person else None
    if volunteer is None:
        raise PermissionDenied
    require(request.user, Action.OWN_CHANGE, volunteer)
    form = MessagesForm(request.POST)
    form.is_valid()
    services.volunteer_set_messages(
        volunteer=volunteer, actor=request.user, opt_out=form.cleaned_data.get("opt_out", False)
    )
    messages.success(request, _("Opgeslagen."))
    return redirect("volunteers:mine")


@login_required
@require_http_methods(["GET", "POST"])
def group_messages(request):
    """Write to all volunteers of a vacancy, activity or district; the messages sent before."""
    require(request.user, Action.MESSAGE_SEND)
    vacancies = visible_to(request.user, Vacancy.objects.exclude(status=VacancyStatus.CLOSED), Action.VACANCY_MANAGE)
    districts = visible_to(request.user, District.objects.all(), Action.MESSAGE_SEND)
    activities = Activity.objects.filter(district__in=districts).order_by("title")
    form = MessageForm(
        request.POST or None,
        vacancies=vacancies.order_by("title"),
        activities=activities,
        districts=districts.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = {data["audience"]: data[data["audience"]]}
        try:
            message = services.message_send(
                actor=request.user, audience=data["audience"], subject=data["subject"], body=data["body"], **target
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Verstuurd aan %(n)d vrijwilligers (%(s)d willen geen groepsberichten).")
                % {"n": message.recipients.count(), "s": message.skipped},
            )
            return redirect("volunteers:messages")
    sent = list(
        visible_to(request.user, Message.objects.all(), Action.MESSAGE_SEND)
        .select_related("district", "vacancy", "activity")
        .with_counts()[:50]
    )
    return render(request, "volunteers/messages.html", {"form": form, "sent": sent, "may_send": True})
