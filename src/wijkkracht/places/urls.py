from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("", views.home, name="home"),
    path("cijfers/", views.figures, name="figures"),
    path("wijken/<uuid:public_id>/", views.district_detail, name="district"),
    path("wijkcentra/<uuid:public_id>/", views.centre_detail, name="centre"),
    path("wijkcentra/<uuid:public_id>/bewerken/", views.centre_edit, name="centre_edit"),
    path("wijkcentra/<uuid:public_id>/openingstijden/", views.centre_hours, name="centre_hours"),
    path("wijkcentra/<uuid:public_id>/zalen/nieuw/", views.room_create, name="room_create"),
    path("wijkcentra/<uuid:public_id>/zalen/<uuid:room_id>/", views.room_edit, name="room_edit"),
    path("wijkcentra/<uuid:public_id>/zalen/<uuid:room_id>/verwijderen/", views.room_delete, name="room_delete"),
]
