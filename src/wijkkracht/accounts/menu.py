from django.utils.translation import pgettext_lazy

from .permissions import Action
from .policy import MenuItem, register_menu

register_menu(MenuItem(pgettext_lazy("menu", "Beheer"), "admin:index", Action.ADMIN_SITE_USE, order=90))
