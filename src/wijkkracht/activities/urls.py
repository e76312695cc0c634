from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("beheer/", views.manage, name="manage"),
    path("beheer/nieuw/", views.activity_create, name="create"),
    path("<uuid:public_id>/", views.activity_detail, name="activity"),
    path("<uuid:public_id>/agenda.ics", views.feed_activity, name="feed"),
    path("wijkcentrum/<slug:slug>/agenda.ics", views.feed_centre, name="feed_centre"),
    path("wijk/<slug:slug>/agenda.ics", views.feed_district, name="feed_district"),
    path("<uuid:public_id>/wijzigen/", views.activity_edit, name="edit"),
    path("<uuid:public_id>/status/", views.activity_transition, name="transition"),
    path("bijeenkomsten/<uuid:public_id>/status/", views.session_status, name="session_status"),
]
