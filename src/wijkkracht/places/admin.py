from django.contrib import admin

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import (
    AreaShape,
    CommunityCentre,
    District,
    DistrictAlias,
    Municipality,
    Neighbourhood,
    PopulationFigure,
    PostcodeArea,
)
from .permissions import Action


class ReadOnlyAdmin(PolicyModelAdmin):
    """Areas and CBS figures come from the import commands (import_areas, import_cbs_kwb), never by hand:
    administrators see them here, nobody adds, changes or deletes them."""

    view_action = Action.AREAS_VIEW_ADMIN


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ("cbs_code", "name")
    search_fields = ("cbs_code", "name")


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ("cbs_code", "name", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("cbs_code", "name")


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(ReadOnlyAdmin):
    list_display = ("cbs_code", "name", "district")
    list_select_related = ("district",)
    search_fields = ("cbs_code", "name")


@admin.register(AreaShape)
class AreaShapeAdmin(ReadOnlyAdmin):
    list_display = ("cbs_code",)
    search_fields = ("cbs_code",)
    exclude = ("boundary", "svg_path")


@admin.register(PopulationFigure)
class PopulationFigureAdmin(ReadOnlyAdmin):
    list_display = ("cbs_code", "year", "level", "name", "inhabitants", "synthetic")
    list_filter = ("year", "level", "synthetic")
    search_fields = ("cbs_code", "name")


@admin.register(CommunityCentre)
class CommunityCentreAdmin(PolicyModelAdmin):
    """Creating a centre is for administrators; its details, hours and rooms are kept by its professionals
    on the centre's own pages (and by administrators, here and there). A centre is never deleted here."""

    view_action = change_action = list_action = Action.CENTRE_CHANGE
    add_action = Action.CENTRE_CREATE
    list_display = ("name", "district", "postcode")
    list_select_related = ("district",)
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        services.centre_save(centre=obj, actor=request.user)


@admin.register(DistrictAlias)
class DistrictAliasAdmin(PolicyModelAdmin):
    """Everyday names residents use for a district, so the search on the home page finds it. Kept by
    administrators (the same rule as the areas they belong to)."""

    view_action = add_action = change_action = delete_action = Action.AREAS_VIEW_ADMIN

    list_display = ("name", "district")
    list_select_related = ("district",)
    list_filter = ("district",)
    search_fields = ("name", "district__name")
    autocomplete_fields = ("district",)
    fields = ("district", "name")

    def save_model(self, request, obj, form, change):
        services.district_alias_save(alias=obj, actor=request.user)

    def delete_model(self, request, obj):
        services.district_alias_delete(alias=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for alias in queryset.select_related("district"):
            services.district_alias_delete(alias=alias, actor=request.user)


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(ReadOnlyAdmin):
    """Loaded with the import_postcodes command from the CBS file, never by hand."""

    list_display = ("postcode", "neighbourhood", "addresses")
    list_select_related = ("neighbourhood",)
    search_fields = ("postcode",)
