"""Administrators set the yearly district budgets here (through the service). Initiatives, grants and receipts
hold residents' data and live on their own pages only."""

from django.contrib import admin

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import DistrictBudget
from .permissions import Action


@admin.register(DistrictBudget)
class DistrictBudgetAdmin(PolicyModelAdmin):
    view_action = add_action = change_action = list_action = Action.BUDGET_MANAGE
    list_display = ("district", "year", "amount")
    list_select_related = ("district",)
    fields = ("district", "year", "amount")

    def save_model(self, request, obj, form, change):
        saved = services.budget_save(district=obj.district, year=obj.year, amount=obj.amount, actor=request.user)
        obj.pk = saved.pk
