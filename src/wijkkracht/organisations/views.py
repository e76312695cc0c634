from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkkracht.accounts.models import Membership
from wijkkracht.accounts.policy import require
from wijkkracht.accounts.scope import scope_of
from wijkkracht.places import permissions as places_permissions
from wijkkracht.places.models import CommunityCentre, District
from wijkkracht.places.permissions import Action as PlacesAction

from . import permissions
from .models import Organisation
from .permissions import Action


@require_GET
@login_required
def workplace(request):
    """A professional's centres and districts, with links to manage each centre."""
    require(request.user, Action.WORKPLACE_VIEW)
    scope = scope_of(request.user)
    centres = list(
        CommunityCentre.objects.served_through(centre_ids=scope.centre_ids, district_ids=scope.district_ids)
        .select_related("district")
        .order_by("name")
    )
    for centre in centres:
        centre.can_change = places_permissions.can(request.user, PlacesAction.CENTRE_CHANGE, centre)
    districts = list(District.objects.filter(pk__in=scope.work_district_ids).order_by("name"))
    return render(request, "organisations/workplace.html", {"centres": centres, "districts": districts})


@require_GET
@login_required
def mine(request):
    """An organisation coordinator's view: the organisation's professionals and where they work."""
    require(request.user, Action.STAFF_VIEW)
    organisations = list(
        permissions.visible_to(request.user, Organisation.objects.all(), Action.STAFF_VIEW).order_by("name")
    )
    memberships = (
        Membership.objects.active()
        .professionals_of(organisations)
        .select_related("user", "centre", "district")
        .only(
            "organisation_id",
            "user__display_name",
            "user__public_id",
            "centre__name",
            "centre__public_id",
            "centre__slug",
            "district__name",
            "district__public_id",
            "district__slug",
        )
        .order_by("user__display_name", "user_id")
    )
    staff: dict[int, dict] = {o.pk: {} for o in organisations}
    for m in memberships:
        person = staff[m.organisation_id].setdefault(
            m.user_id,
            {
                "name": m.user.display_name or _("(naam onbekend)"),
                "centres": [],
                "districts": [],
            },
        )
        if m.centre_id:
            person["centres"].append(m.centre)
        if m.district_id:
            person["districts"].append(m.district)
    rows = [(o, list(staff[o.pk].values())) for o in organisations]
    return render(request, "organisations/mine.html", {"rows": rows})
