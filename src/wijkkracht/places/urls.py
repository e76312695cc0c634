from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("", views.home, name="home"),
    path("cijfers/", views.figures, name="figures"),
    path("wijken/<uuid:public_id>/", views.district_detail, name="district"),
    path("wijkcentra/<uuid:public_id>/", views.centre_detail, name="centre"),
]
