from django.urls import path

from . import views

app_name = "board"

urlpatterns = [
    path("", views.index, name="index"),
    path("bied-hulp-aan/", views.offer_help, name="offer_help"),
    path("mijn/", views.mine, name="mine"),
    path("moderatie/", views.moderation, name="moderation"),
    path("wijk/<slug:slug>/", views.district_board, name="district"),
    path("wijk/<slug:slug>/nieuw/", views.create, name="create"),
    path("<uuid:public_id>/", views.post_detail, name="post"),
    path("<uuid:public_id>/reageren/", views.reply, name="reply"),
    path("<uuid:public_id>/status/", views.transition, name="transition"),
    path("<uuid:public_id>/hulpvraag/", views.hand_over, name="hand_over"),
    path("reactie/<uuid:public_id>/verbergen/", views.reply_hide, name="reply_hide"),
]
