from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("mijn/", views.mine, name="mine"),
    path("<uuid:public_id>/", views.council_detail, name="detail"),
]
