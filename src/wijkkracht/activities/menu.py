from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(_("Agenda"), "activities:calendar", Action.CALENDAR_VIEW, order=12, current=("activities:calendar",)),
    MenuItem(
        _("Activiteiten beheren"),
        "activities:manage",
        Action.MANAGE,
        order=31,
        current=("activities:manage", "activities:create", "activities:edit", "activities:rooms", "activities:room"),
    ),
)

register_menu(MenuItem(_("Bereik"), "activities:reach", Action.REACH_VIEW, order=61, current=("activities:reach",)))
