from django.contrib import admin

from . import services
from .models import AreaShape, CommunityCentre, District, Municipality, Neighbourhood, PopulationFigure


class ReadOnlyAdmin(admin.ModelAdmin):
    """Areas and CBS figures come from the import commands (import_areas, import_cbs_kwb), never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
class CommunityCentreAdmin(admin.ModelAdmin):
    """Creating a centre is for administrators; its details, hours and rooms are kept by its professionals
    on the centre's own pages."""

    list_display = ("name", "district", "postcode")
    list_select_related = ("district",)
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        services.centre_save(centre=obj, actor=request.user)
