from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("gegevens/", views.profile, name="profile"),
    path("gegevens/downloaden/", views.export, name="export"),
]
