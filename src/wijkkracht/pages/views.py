from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.text import capfirst
from django.views.decorators.http import require_safe

from wijkkracht.places.models import CommunityCentre, OpeningHours

from .permissions import Action, can
from .query import site_information


def _page(request, template: str, **context):
    if not can(request.user, Action.VIEW):
        raise PermissionDenied
    return render(request, template, {"info": site_information(), **context})


def centres_with_hours() -> list[CommunityCentre]:
    """The municipality's centres, each with `days`: [(weekday, "Maandag", ["09.00–12.00", "13.00–17.00"]), ...]
    in weekday order (two queries; the rows are written here, not per cell in the template)."""
    centres = list(
        CommunityCentre.objects.filter(district__municipality__cbs_code=settings.WIJKKRACHT_MUNICIPALITY)
        .only("public_id", "slug", "name", "street", "postcode", "city", "phone")
        .order_by("name")
    )
    spans: dict[tuple[int, int], list[str]] = {}
    for centre_id, weekday, opens, closes in (
        OpeningHours.objects.filter(centre__in=[c.pk for c in centres])
        .order_by("weekday", "opens")
        .values_list("centre_id", "weekday", "opens", "closes")
    ):
        spans.setdefault((centre_id, weekday), []).append(f"{opens:%H.%M}–{closes:%H.%M}")
    for centre in centres:
        centre.days = [
            (day.value, capfirst(day.label), spans[(centre.pk, day.value)])
            for day in OpeningHours.Weekday
            if (centre.pk, day.value) in spans
        ]
    return centres


@require_safe
def contact(request):
    return _page(request, "pages/contact.html", centres=centres_with_hours())


@require_safe
def privacy(request):
    return _page(request, "pages/privacy.html")


@require_safe
def accessibility(request):
    return _page(request, "pages/accessibility.html")


@require_safe
def colophon(request):
    return _page(request, "pages/colophon.html")
