from django.conf import settings
from django.utils.functional import SimpleLazyObject

from wijkkracht.accounts.policy import menu_for


def site(request):
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "demo_mode": settings.WIJKKRACHT_DEMO,
        "theme_css": f"ui/themes/{settings.WIJKKRACHT_THEME}.css" if settings.WIJKKRACHT_THEME else "",
        "menu": SimpleLazyObject(lambda: menu_for(user, match.view_name if match else "")),
    }
