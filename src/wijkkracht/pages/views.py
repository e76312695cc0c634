from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wijkkracht.places.models import CommunityCentre

from .permissions import Action, can
from .query import site_information


def _page(request, template: str, **context):
    if not can(request.user, Action.VIEW):
        raise PermissionDenied
    return render(request, template, {"info": site_information(), **context})


def centres_with_hours() -> list[CommunityCentre]:
    """The municipality's centres with their opening hours (two queries)."""
    return list(
        CommunityCentre.objects.filter(district__municipality__cbs_code=settings.WIJKKRACHT_MUNICIPALITY)
        .select_related("district")
        .prefetch_related("opening_hours")
        .order_by("name")
    )


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
