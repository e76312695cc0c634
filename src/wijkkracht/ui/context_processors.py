from django.conf import settings

from wijkkracht.accounts.scope import scope_of


def site(request):
    return {
        "demo_mode": settings.WIJKKRACHT_DEMO,
        "theme_css": f"ui/themes/{settings.WIJKKRACHT_THEME}.css" if settings.WIJKKRACHT_THEME else "",
        "scope": scope_of(getattr(request, "user", None)),
    }
