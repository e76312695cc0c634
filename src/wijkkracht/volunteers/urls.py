from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("aanmelden/", views.register, name="register"),
    path("profiel/", views.profile, name="profile"),
    path("status/", views.own_transition, name="own_transition"),
    path("afwezig/", views.own_exception_add, name="own_exception_add"),
    path("afwezig/<uuid:public_id>/weg/", views.own_exception_remove, name="own_exception_remove"),
    path("beheer/", views.volunteer_list, name="list"),
    path("beheer/<uuid:public_id>/", views.volunteer_detail, name="detail"),
    path("beheer/<uuid:public_id>/wijzigen/", views.volunteer_edit, name="edit"),
    path("beheer/<uuid:public_id>/status/", views.volunteer_transition, name="transition"),
]
