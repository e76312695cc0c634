"""Administrators keep the categories of activities here (through the service). Activities and sessions are
run on their own pages by the professionals."""

from django.contrib import admin

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import Category
from .permissions import Action


@admin.register(Category)
class CategoryAdmin(PolicyModelAdmin):
    view_action = add_action = change_action = list_action = Action.CATEGORY_MANAGE
    list_display = ("name", "slug", "order")
    fields = ("name", "slug", "order", "districts")
    filter_horizontal = ("districts",)
    prepopulated_fields = {"slug": ("name",)}

    def save_model(self, request, obj, form, change):
        services.category_save(category=obj, actor=request.user)
