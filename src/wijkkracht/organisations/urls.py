from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("werkplek/", views.workplace, name="workplace"),
    path("mijn/", views.mine, name="mine"),
]
