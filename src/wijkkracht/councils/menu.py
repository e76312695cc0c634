from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(_("Mijn raad"), "councils:mine", Action.LIST_MINE, order=20, current=("councils:mine", "councils:detail"))
)
