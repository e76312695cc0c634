from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("colofon/", views.colophon, name="colophon"),
]
