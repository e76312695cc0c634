from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.policy import MenuItem, register_menu

from .permissions import Action

register_menu(
    MenuItem(_("Postvak"), "mail:inbox", Action.MAILBOX_READ, order=92, current=("mail:inbox", "mail:message"))
)
