from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from wijkkracht.accounts.policy import require

from . import permissions
from .models import MailboxMessage
from .permissions import Action


def _check(request) -> None:
    if not permissions.mailbox_enabled():
        raise Http404
    require(request.user, Action.MAILBOX_READ)


@require_GET
@login_required
def inbox(request):
    """The demo mailbox: every message the platform sent, newest first."""
    _check(request)
    messages = permissions.visible_to(request.user, MailboxMessage.objects.all(), Action.MAILBOX_READ).only(
        "public_id", "received_at", "to", "subject"
    )
    page = Paginator(messages, 50).get_page(request.GET.get("pagina"))
    return render(request, "mail/inbox.html", {"page": page})


@require_GET
@login_required
def message(request, public_id):
    _check(request)
    mail = get_object_or_404(
        permissions.visible_to(request.user, MailboxMessage.objects.all(), Action.MAILBOX_READ), public_id=public_id
    )
    return render(request, "mail/message.html", {"mail": mail})
