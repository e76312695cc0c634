"""The desk (balie): professionals register residents without an account, and invite them to claim one."""

from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("", views.desk_index, name="index"),
    path("inschrijven/", views.desk_register, name="register"),
    path("bewoners/<uuid:public_id>/", views.desk_person, name="person"),
    path("bewoners/<uuid:public_id>/uitnodigen/", views.desk_invite, name="invite"),
]
