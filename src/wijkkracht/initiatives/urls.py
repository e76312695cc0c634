from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("nieuw/", views.initiative_propose, name="propose"),
    path("namens/", views.initiative_propose_on_behalf, name="propose_on_behalf"),
    path("wijkbudgetten/", views.budgets, name="budgets"),
    path("<uuid:public_id>/", views.initiative_detail, name="detail"),
    path("<uuid:public_id>/wijzigen/", views.initiative_edit, name="edit"),
    path("<uuid:public_id>/steunen/", views.initiative_back, name="back"),
    path("<uuid:public_id>/status/", views.initiative_transition, name="transition"),
    path("<uuid:public_id>/geld/", views.grant_award, name="grant"),
    path("<uuid:public_id>/stappen/<int:step>/", views.milestone_set, name="milestone"),
    path("<uuid:public_id>/bonnetjes/", views.receipt_add, name="receipt_add"),
    path("<uuid:public_id>/bonnetjes/<uuid:receipt_id>/", views.receipt_download, name="receipt"),
]
