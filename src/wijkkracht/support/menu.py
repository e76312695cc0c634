from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(
        _("Hulpvragen"),
        "support:queue",
        Action.QUEUE,
        order=35,
        current=("support:queue", "support:detail", "support:take", "support:escalations"),
    ),
)
