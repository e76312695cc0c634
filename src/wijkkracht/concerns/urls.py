from django.urls import path

from . import views

app_name = "concerns"

urlpatterns = [
    path("", views.raise_concern, name="raise"),
    path("mijn/", views.mine, name="mine"),
    path("wachtrij/", views.queue, name="queue"),
    path("cijfers/", views.figures, name="figures"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/beoordelen/", views.triage, name="triage"),
    path("<uuid:public_id>/actie/", views.step, name="step"),
    path("<uuid:public_id>/hulpvraag/", views.help_request, name="help_request"),
    path("<uuid:public_id>/status/", views.transition, name="transition"),
]
