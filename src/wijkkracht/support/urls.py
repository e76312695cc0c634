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

urlpatterns += [
    path("<uuid:public_id>/intake/", views.intake, name="intake"),
    path("<uuid:public_id>/netwerk/", views.contact_add, name="contact_add"),
    path("<uuid:public_id>/netwerk/<uuid:contact_id>/", views.contact_answer, name="contact_answer"),
    path("<uuid:public_id>/ladder/", views.ladder, name="ladder"),
    path("<uuid:public_id>/doorverwijzing/", views.referral, name="referral"),
]

urlpatterns += [
    path("escalaties/", views.escalations, name="escalations"),
    path("cijfers/", views.figures, name="figures"),
    path("<uuid:public_id>/nagesprek/<uuid:follow_up_id>/", views.follow_up_done, name="follow_up_done"),
]

urlpatterns += [
    path("<uuid:public_id>/helper/", views.match_offer, name="match_offer"),
    path("<uuid:public_id>/koppeling/<uuid:match_id>/bevestigen/", views.match_confirm, name="match_confirm"),
    path("<uuid:public_id>/koppeling/<uuid:match_id>/intrekken/", views.match_cancel, name="match_cancel"),
    path("ik-help/", views.helping, name="helping"),
    path("ik-help/<uuid:match_id>/", views.match_answer, name="match_answer"),
    path("wijk/<slug:slug>/koppelen/", views.match_all, name="match_all"),
    path("wijk/<slug:slug>/koppelen/bevestigen/", views.match_confirm_all, name="match_confirm_all"),
]
