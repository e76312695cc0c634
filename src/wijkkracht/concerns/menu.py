from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(
        _("Zorgsignalen"),
        "concerns:queue",
        Action.QUEUE,
        order=38,
        current=("concerns:queue", "concerns:detail", "concerns:help_request"),
    ),
)
