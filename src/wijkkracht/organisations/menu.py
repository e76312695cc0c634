from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(_("Mijn werkplek"), "organisations:workplace", Action.WORKPLACE_VIEW, order=30),
    MenuItem(_("Organisatie"), "organisations:mine", Action.STAFF_VIEW, order=40),
)
