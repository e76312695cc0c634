from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(
        _("Hulpvragen"),
        "support:queue",
        Action.QUEUE,
        order=35,
        current=("support:queue", "support:detail", "support:take", "support:escalations", "support:match_all"),
    ),
)
register_menu(
    MenuItem(_("Hulp die ik geef"), "support:helping", Action.HELPING, order=37, current=("support:helping",)),
)
