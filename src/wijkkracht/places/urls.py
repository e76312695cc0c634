from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("", views.home, name="home"),
    path("cijfers/", views.figures, name="figures"),
    path("zoeken/", views.search, name="search"),
    # The old addresses (UUIDs) move permanently to the readable ones. They come first: a UUID is also a slug.
    path("wijken/<uuid:public_id>/", views.district_moved, name="district_moved"),
    path("wijkcentra/<uuid:public_id>/", views.centre_moved, name="centre_moved"),
    path("wijkcentra/<uuid:public_id>/<path:rest>", views.centre_moved, name="centre_page_moved"),
    path("wijken/<slug:slug>/", views.district_detail, name="district"),
    path("wijkcentra/<slug:slug>/", views.centre_detail, name="centre"),
    path("buurten/<slug:slug>/", views.neighbourhood, name="neighbourhood"),
    path("wijkcentra/<slug:slug>/bewerken/", views.centre_edit, name="centre_edit"),
    path("wijkcentra/<slug:slug>/openingstijden/", views.centre_hours, name="centre_hours"),
    path("wijkcentra/<slug:slug>/zalen/nieuw/", views.room_create, name="room_create"),
    path("wijkcentra/<slug:slug>/zalen/<uuid:room_id>/", views.room_edit, name="room_edit"),
    path("wijkcentra/<slug:slug>/zalen/<uuid:room_id>/verwijderen/", views.room_delete, name="room_delete"),
]
