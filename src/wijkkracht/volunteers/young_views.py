"""Young volunteers' pages: the professional records a guardian's consent; the volunteer downloads the statement
of their approved hours (for school: maatschappelijke stage) and chooses about group messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkkracht.accounts.policy import require

from . import services
from .forms import ConsentForm
from .models import Volunteer
from .permissions import Action


@login_required
@require_POST
def consent_record(request, public_id):
    volunteer = get_object_or_404(Volunteer.objects.with_areas(), public_id=public_id)
    require(request.user, Action.MANAGE, volunteer)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.volunteer_record_guardian_consent(volunteer=volunteer, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
    return redirect("volunteers:detail", public_id=volunteer.public_id)
