from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.scope import scope_of
from wijkkracht.places.models import CommunityCentre, District


@require_GET
@login_required
def workplace(request):
    """A professional's centres and districts."""
    scope = scope_of(request.user)
    if Role.PROFESSIONAL not in scope.roles:
        raise PermissionDenied
    centres = list(CommunityCentre.objects.filter(pk__in=scope.centre_ids).select_related("district"))
    districts = list(District.objects.filter(pk__in=scope.district_ids))
    return render(request, "organisations/workplace.html", {"centres": centres, "districts": districts})


@require_GET
@login_required
def mine(request):
    """An organisation coordinator's view of the organisation: its professionals and where they work."""
    scope = scope_of(request.user)
    if Role.COORDINATOR not in scope.roles:
        raise PermissionDenied
    from .models import Organisation

    organisations = list(Organisation.objects.filter(pk__in=scope.organisation_ids))
    return render(request, "organisations/mine.html", {"organisations": organisations})
