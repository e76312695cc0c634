from django.urls import path

from . import views

app_name = "mail"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<uuid:public_id>/", views.message, name="message"),
]
