import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import require
from wijkkracht.accounts.scope import scope_of

from . import permissions, services
from .forms import ProfileForm
from .models import Person


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Mijn gegevens: the logged-in user's own Person, to see and change."""
    require(request.user, permissions.Action.OWN_CHANGE)
    person = Person.objects.of_user(request.user).first() or Person(user=request.user)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.OWN_FIELDS if name in form.cleaned_data}
        services.person_update_own(user=request.user, data=data)
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        return redirect("people:profile")
    roles = sorted(str(Role(r).label) for r in scope_of(request.user).roles if r in Role.values)
    return render(request, "people/profile.html", {"form": form, "roles": roles, "person": person})


@login_required
@require_POST
def export(request):
    """Download my data (GDPR art. 15) as JSON. POST, because it writes an audit event."""
    require(request.user, permissions.Action.OWN_EXPORT)
    data = services.person_export_own(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-wijkkracht.json"'
    response["Cache-Control"] = "no-store"
    return response
