from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(
        _("Vacatures"),
        "volunteers:board",
        Action.BOARD,
        order=16,
        current=("volunteers:board", "volunteers:vacancy", "volunteers:apply", "volunteers:vacancy_manage"),
    ),
    MenuItem(
        _("Mijn vrijwilligerswerk"),
        "volunteers:mine",
        Action.OWN_VIEW,
        order=25,
        current=("volunteers:mine", "volunteers:profile", "volunteers:register", "volunteers:schedule"),
    ),
    MenuItem(
        _("Vrijwilligers"),
        "volunteers:list",
        Action.LIST,
        order=32,
        current=("volunteers:list", "volunteers:detail", "volunteers:edit", "volunteers:shifts"),
    ),
)
