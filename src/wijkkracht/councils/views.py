from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from .models import Council
from .permissions import Action, can, visible_to


@require_GET
@login_required
def mine(request):
    if not can(request.user, Action.LIST_MINE):
        raise PermissionDenied
    councils = list(visible_to(request.user, Council.objects.select_related("district", "centre"), Action.VIEW))
    if len(councils) == 1:
        return redirect("councils:detail", public_id=councils[0].public_id)
    return render(request, "councils/list.html", {"councils": councils})


@require_GET
@login_required
def council_detail(request, public_id):
    council = get_object_or_404(Council.objects.select_related("district", "centre"), public_id=public_id)
    if not can(request.user, Action.VIEW, council):
        raise PermissionDenied
    return render(request, "councils/detail.html", {"council": council})
