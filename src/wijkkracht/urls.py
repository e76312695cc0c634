from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("wijkkracht.places.urls")),
    path("account/", include("wijkkracht.accounts.urls")),
    path("mijn/", include("wijkkracht.people.urls")),
    path("raden/", include("wijkkracht.councils.urls")),
    path("organisaties/", include("wijkkracht.organisations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("gezond/", include("wijkkracht.ui.urls")),
    path("beheer/", admin.site.urls),
]

handler403 = "wijkkracht.ui.views.permission_denied"
handler404 = "wijkkracht.ui.views.page_not_found"
handler500 = "wijkkracht.ui.views.server_error"
