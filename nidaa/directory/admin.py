from django.contrib import admin

from nidaa.directory.models import Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "name_ar", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name_fr", "name_ar")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("code",)
