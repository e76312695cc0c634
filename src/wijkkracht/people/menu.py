from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(MenuItem(_("Mijn gegevens"), "people:profile", Action.OWN_VIEW, order=95))
