from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(
        _("Initiatieven"),
        "initiatives:list",
        Action.LIST,
        order=15,
        current=("initiatives:list", "initiatives:detail", "initiatives:propose", "initiatives:budgets"),
    ),
)
