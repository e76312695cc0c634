from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("", views.ask, name="ask"),
    path("bedankt/", views.thanks, name="thanks"),
    path("mijn/", views.mine, name="mine"),
    path("wachtrij/", views.queue, name="queue"),
    path("noteren/", views.take, name="take"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/status/", views.transition, name="transition"),
    path("<uuid:public_id>/eigenaar/", views.owner, name="owner"),
]
