from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(MenuItem(_("Mijn gegevens"), "people:profile", Action.OWN_VIEW, order=95))
register_menu(
    MenuItem(
        _("Balie"), "desk:index", Action.DESK_REGISTER, order=36, current=("desk:index", "desk:register", "desk:person")
    )
)
