from django.conf import settings

from wijkkracht.accounts.scope import scope_of


def site(request):
    return {
        "demo_mode": settings.WIJKKRACHT_DEMO,
        "scope": scope_of(getattr(request, "user", None)),
    }
