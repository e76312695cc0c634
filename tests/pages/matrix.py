"""Contact and the statements are public pages; administrators keep their contents in the admin."""

from tests.matrix import ADMINISTRATORS, ALL, Entry
from wijkkracht.pages.permissions import Action

MATRIX = {
    "pages:contact": Entry(get=ALL, actions=(Action.VIEW,)),
    "pages:privacy": Entry(get=ALL),
    "pages:accessibility": Entry(get=ALL),
    "pages:colophon": Entry(get=ALL),
    "admin:pages_siteinformation_changelist": Entry(get=ADMINISTRATORS, actions=(Action.SITE_INFORMATION_CHANGE,)),
}
