from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(_("Wijken"), "places:home", Action.VIEW, order=10),
    MenuItem(_("Cijfers"), "places:figures", Action.FIGURES_VIEW, order=60),
)
