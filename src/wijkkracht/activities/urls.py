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
    path("uit-initiatief/<uuid:public_id>/", views.activity_from_initiative, name="from_initiative"),
    path("bijeenkomsten/<uuid:public_id>/status/", views.session_status, name="session_status"),
    path("bijeenkomsten/<uuid:public_id>/", views.session_detail, name="session"),
    path("bijeenkomsten/<uuid:public_id>/aanmelden/", views.session_register, name="register"),
    path("bijeenkomsten/<uuid:public_id>/aanmelden-namens/", views.session_register_desk, name="register_desk"),
    path("aanmeldingen/<uuid:public_id>/afmelden/", views.registration_cancel, name="cancel"),
    path("bijeenkomsten/<uuid:public_id>/aanwezig/", views.check_in, name="check_in"),
    path("bijeenkomsten/<uuid:public_id>/turven/", views.head_count, name="head_count"),
    path("bijeenkomsten/<uuid:public_id>/presentielijst/", views.check_in_list, name="check_in_list"),
    path("aanwezig/<uuid:public_id>/terug/", views.check_in_undo, name="check_in_undo"),
    path("afmelden/<str:token>/", views.cancel_by_link, name="cancel_by_link"),
    path("mijn-aanmeldingen/", views.mine, name="mine"),
    path("bereik/", views.reach, name="reach"),
    path("zalen/", views.rooms, name="rooms"),
    path("zalen/<uuid:public_id>/", views.room_week, name="room"),
    path("boekingen/<uuid:public_id>/annuleren/", views.booking_cancel, name="booking_cancel"),
    path("bijeenkomsten/<uuid:public_id>/zaal/", views.session_book_room, name="session_room"),
]
