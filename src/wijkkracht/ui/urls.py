from django.urls import path

from . import views

app_name = "ui"

urlpatterns = [
    # The floor: the cheapest page the stack can serve, measured beside every page in `make bench`.
    path("", views.health, name="health"),
]
