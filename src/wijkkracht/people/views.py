import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import require
from wijkkracht.accounts.scope import scope_of
from wijkkracht.validators import add_service_errors

from . import permissions, services
from .forms import DeskRegistrationForm, InviteForm, ProfileForm
from .models import Person


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Mijn gegevens: the logged-in user's own Person, to see and change."""
    require(request.user, permissions.Action.OWN_CHANGE)
    # A new account has no Person yet: it is made on the first save, starting from the name given at sign-up.
    person = Person.objects.of_user(request.user).first() or Person(
        user=request.user, first_name=request.user.display_name
    )
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


# --- The desk: professionals register residents without an account ---------------------------------------


@login_required
@require_safe
def desk_index(request):
    """The desk: register a resident, and the desk-registered residents of my districts (newest first)."""
    require(request.user, permissions.Action.DESK_REGISTER)
    people = (
        permissions.visible_to(request.user, Person.objects.all(), permissions.Action.DESK_VIEW)
        .select_related("neighbourhood", "user")
        .order_by("-created_at")[:50]
    )
    return render(request, "people/desk_index.html", {"people": people})


@login_required
@require_http_methods(["GET", "POST"])
def desk_register(request):
    require(request.user, permissions.Action.DESK_REGISTER)
    form = DeskRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.DESK_FIELDS if name in form.cleaned_data}
        try:
            person = services.person_register_at_desk(data=data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De bewoner is ingeschreven."))
            return redirect("desk:person", public_id=person.public_id)
    return render(request, "people/desk_register.html", {"form": form})


def _desk_person(request, public_id) -> Person:
    person = get_object_or_404(
        Person.objects.select_related("neighbourhood__district", "user", "registered_by"), public_id=public_id
    )
    require(request.user, permissions.Action.DESK_VIEW, person)
    return person


@login_required
@require_safe
def desk_person(request, public_id):
    person = _desk_person(request, public_id)
    if scope_of(request.user).is_admin and person.registered_by_id != request.user.pk:
        # An administrator opening someone else's record: audited, as everywhere (people.permissions).
        services.person_view_record(person=person, actor=request.user, purpose="desk")
    return render(request, "people/desk_person.html", {"person": person, "form": InviteForm()})


@login_required
@require_POST
def desk_invite(request, public_id):
    """Send the resident a link to claim an account. The answer never says whether the address has one."""
    person = _desk_person(request, public_id)
    require(request.user, permissions.Action.DESK_INVITE, person)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.person_invite(
                person=person,
                email=form.cleaned_data["email"],
                base_url=f"{request.scheme}://{request.get_host()}",
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Wij hebben een e-mail gestuurd naar dit adres. Vraag de bewoner in de e-mail op de link te "
                    "klikken. De link werkt 14 dagen."
                ),
            )
            return redirect("desk:person", public_id=person.public_id)
    return render(request, "people/desk_person.html", {"person": person, "form": form}, status=200)
