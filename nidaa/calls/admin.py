from django.contrib import admin

from nidaa.calls.models import Call, CallRevision


class CallRevisionInline(admin.TabularInline):
    model = CallRevision
    extra = 0
    can_delete = False
    fields = ("number", "author", "at", "status", "changed_fields")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "call_type", "status", "deadline", "created_at")
    list_filter = ("status", "organization", "call_type")
    search_fields = ("title", "reference", "issuer", "organization__name")
    date_hierarchy = "deadline"
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    filter_horizontal = ("territories",)
    # Status moves only through the workflow (services.change_call_status), which writes the audit trail.
    readonly_fields = (
        "status",
        "published_at",
        "sha256",
        "original_filename",
        "file",
        "extraction",
        "created_by",
        "created_at",
        "updated_at",
    )
    # What guards sealed applications (who owns them, when they open) is
    # changed only through services.update_call, which refuses to open them
    # early and records a revision; on a new call there is nothing to open yet.
    sealing_fields = ("organization", "deadline", "sealed", "sealed_until")
    inlines = [CallRevisionInline]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is None:
            return fields
        return (*fields, *self.sealing_fields)
