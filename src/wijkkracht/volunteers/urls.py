from django.urls import path

from . import figures_views as fv
from . import hours_views as hv
from . import shift_views as sv
from . import vacancy_views as vv
from . import views
from . import young_views as yv

app_name = "volunteers"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("aanmelden/", views.register, name="register"),
    path("profiel/", views.profile, name="profile"),
    path("status/", views.own_transition, name="own_transition"),
    path("afwezig/", views.own_exception_add, name="own_exception_add"),
    path("afwezig/<uuid:public_id>/weg/", views.own_exception_remove, name="own_exception_remove"),
    path("beheer/", views.volunteer_list, name="list"),
    path("beheer/<uuid:public_id>/", views.volunteer_detail, name="detail"),
    path("beheer/<uuid:public_id>/wijzigen/", views.volunteer_edit, name="edit"),
    path("beheer/<uuid:public_id>/status/", views.volunteer_transition, name="transition"),
    path("beheer/<uuid:public_id>/certificaat/", vv.certificate_add, name="certificate_add"),
    path("beheer/<uuid:public_id>/toestemming/", yv.consent_record, name="consent_record"),
    path("rooster/", sv.schedule, name="schedule"),
    path("rooster/agendalink/", sv.feed_reset, name="feed_reset"),
    path("agenda/<str:token>.ics", sv.feed, name="feed"),
    path("diensten/", sv.shifts, name="shifts"),
    path("diensten/<uuid:public_id>/nemen/", sv.shift_take, name="shift_take"),
    path("diensten/<uuid:public_id>/toewijzen/", sv.shift_assign, name="shift_assign"),
    path("diensten/<uuid:public_id>/vrijgeven/", sv.shift_release, name="shift_release"),
    path("diensten/<uuid:public_id>/invaller/", sv.stand_in_ask, name="stand_in_ask"),
    path("diensten/<uuid:public_id>/uren/", sv.shift_hours, name="shift_hours"),
    path("invallers/<uuid:public_id>/overnemen/", sv.stand_in_take, name="stand_in_take"),
    path("invallers/<uuid:public_id>/intrekken/", sv.stand_in_withdraw, name="stand_in_withdraw"),
    path("cijfers/", fv.figures_page, name="figures"),
    path("waardering/", fv.appreciation, name="appreciation"),
    path("berichten/", fv.group_messages, name="messages"),
    path("berichten/instelling/", fv.own_messages_setting, name="own_messages_setting"),
    path("verklaring/", fv.own_statement, name="own_statement"),
    path("beheer/<uuid:public_id>/verklaring/", fv.statement, name="statement"),
    path("aandacht/", hv.attention, name="attention"),
    path("uren/", hv.hours, name="hours"),
    path("uren/schrijven/", hv.hours_log, name="hours_log"),
    path("uren/<uuid:public_id>/besluit/", hv.hours_decide, name="hours_decide"),
    path("vacatures/", vv.board, name="board"),
    path("vacatures/nieuw/", vv.vacancy_create, name="vacancy_create"),
    path("vacatures/<uuid:public_id>/", vv.vacancy, name="vacancy"),
    path("vacatures/<uuid:public_id>/reageren/", vv.apply, name="apply"),
    path("vacatures/<uuid:public_id>/wijzigen/", vv.vacancy_edit, name="vacancy_edit"),
    path("vacatures/<uuid:public_id>/beheer/", vv.vacancy_manage, name="vacancy_manage"),
    path("vacatures/<uuid:public_id>/telefonisch/", vv.phone_application, name="phone_application"),
    path("vacatures/<uuid:public_id>/status/", vv.vacancy_transition, name="vacancy_transition"),
    path("reacties/<uuid:public_id>/besluit/", vv.application_decide, name="application_decide"),
    path("reacties/<uuid:public_id>/vrijwilliger/", vv.application_make_volunteer, name="application_make_volunteer"),
    path("reacties/<uuid:public_id>/intrekken/", vv.application_withdraw, name="application_withdraw"),
]
