from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(
        _("Prikbord"),
        "board:moderation",
        Action.MODERATE,
        order=37,
        current=("board:moderation", "board:hand_over"),
    ),
)
