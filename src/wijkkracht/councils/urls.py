from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("mijn/", views.mine, name="mine"),
    path("taken/", views.task_board, name="task_board"),
    path("overzicht/", views.overview, name="overview"),
    path("plannen/goedkeuren/", views.plan_approvals, name="plan_approvals"),
    path("<uuid:public_id>/", views.council_detail, name="detail"),
    path("<uuid:public_id>/werk/", views.council_work, name="work"),
    path("<uuid:public_id>/leden/voorstellen/", views.member_propose, name="member_propose"),
    path("<uuid:public_id>/wijkcentrum/", views.centre_profile, name="centre_profile"),
    path("<uuid:public_id>/maatwerk/", views.tailoring, name="tailoring"),
    path("<uuid:public_id>/maatwerk/doelen/nieuw/", views.template_goal_edit, name="template_goal_create"),
    path("<uuid:public_id>/maatwerk/doelen/<uuid:goal_id>/", views.template_goal_edit, name="template_goal_edit"),
    path(
        "<uuid:public_id>/maatwerk/doelen/<uuid:goal_id>/verwijderen/",
        views.template_goal_delete,
        name="template_goal_delete",
    ),
    path("<uuid:public_id>/plannen/nieuw/", views.plan_create, name="plan_create"),
    path("<uuid:public_id>/opdrachten/nieuw/", views.assignment_create, name="assignment_create"),
    path("<uuid:public_id>/vergaderingen/nieuw/", views.meeting_create, name="meeting_create"),
    path("<uuid:public_id>/vergaderingen.ics", views.meeting_feed, name="meeting_feed"),
    path("vergaderingen/<uuid:meeting_id>/", views.meeting_detail, name="meeting"),
    path("vergaderingen/<uuid:meeting_id>/wijzigen/", views.meeting_edit, name="meeting_edit"),
    path("vergaderingen/<uuid:meeting_id>/aanwezig/", views.meeting_attendance, name="meeting_attendance"),
    path("vergaderingen/<uuid:meeting_id>/notulen/", views.meeting_minutes, name="meeting_minutes"),
    path("vergaderingen/<uuid:meeting_id>/besluiten/", views.decision_create, name="decision_create"),
    path("vergaderingen/<uuid:meeting_id>/status/", views.meeting_transition, name="meeting_transition"),
    path("leden/<uuid:member_id>/besluit/", views.member_decide, name="member_decide"),
    path("plannen/<uuid:plan_id>/", views.plan_detail, name="plan"),
    path("plannen/<uuid:plan_id>/wijzigen/", views.plan_edit, name="plan_edit"),
    path("plannen/<uuid:plan_id>/status/", views.plan_transition, name="plan_transition"),
    path("plannen/<uuid:plan_id>/doelen/nieuw/", views.goal_edit, name="goal_create"),
    path("plannen/<uuid:plan_id>/doelen/<uuid:goal_id>/", views.goal_edit, name="goal_edit"),
    path("plannen/<uuid:plan_id>/doelen/<uuid:goal_id>/verwijderen/", views.goal_delete, name="goal_delete"),
    path("plannen/<uuid:plan_id>/doelen/<uuid:goal_id>/resultaat/", views.goal_realised, name="goal_realised"),
    path("opdrachten/<uuid:assignment_id>/", views.assignment_detail, name="assignment"),
    path("opdrachten/<uuid:assignment_id>/status/", views.assignment_transition, name="assignment_transition"),
    path("opdrachten/<uuid:assignment_id>/voortgang/", views.assignment_progress, name="assignment_progress"),
]
