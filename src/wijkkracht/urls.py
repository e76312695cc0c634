from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from wijkkracht.accounts.two_factor import second_factor_exempt

urlpatterns = [
    path("", include("wijkkracht.places.urls")),
    path("account/", include("wijkkracht.accounts.urls")),
    path("mijn/", include("wijkkracht.people.urls")),
    path("balie/", include("wijkkracht.people.desk_urls")),
    path("raden/", include("wijkkracht.councils.urls")),
    path("initiatieven/", include("wijkkracht.initiatives.urls")),
    path("vrijwilligers/", include("wijkkracht.volunteers.urls")),
    path("activiteiten/", include("wijkkracht.activities.urls")),
    path("hulp/", include("wijkkracht.support.urls")),
    path("prikbord/", include("wijkkracht.board.urls")),
    path("zorgsignalen/", include("wijkkracht.concerns.urls")),
    path("organisaties/", include("wijkkracht.organisations.urls")),
    path("postvak/", include("wijkkracht.mail.urls")),
    path("i18n/setlang/", second_factor_exempt(set_language), name="set_language"),
    path("", include("wijkkracht.pages.urls")),
    path("gezond/", include("wijkkracht.ui.urls")),
    path("", include("wijkkracht.operations.urls")),
    path("beheer/", admin.site.urls),
]

handler400 = "wijkkracht.ui.views.bad_request"
handler403 = "wijkkracht.ui.views.permission_denied"
handler404 = "wijkkracht.ui.views.page_not_found"
handler500 = "wijkkracht.ui.views.server_error"
