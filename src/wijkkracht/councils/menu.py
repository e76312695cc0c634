from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(
        _("Mijn raad"),
        "councils:mine",
        Action.LIST_MINE,
        order=20,
        current=("councils:mine", "councils:work", "councils:plan", "councils:assignment"),
    ),
    MenuItem(_("Mijn taken"), "councils:task_board", Action.TASK_BOARD, order=21),
    MenuItem(_("Plannen goedkeuren"), "councils:plan_approvals", Action.PLAN_APPROVALS, order=22),
    MenuItem(_("Raden in cijfers"), "councils:overview", Action.OVERVIEW, order=23),
)
