from django.contrib import admin

from nidaa.alerts.models import DeadlineReminder, FollowedCall, SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "frequency", "remind_deadlines", "created_at", "last_sent_at")
    list_filter = ("frequency", "remind_deadlines")
    search_fields = ("name", "user__username", "user__email")
    raw_id_fields = ("user",)


@admin.register(FollowedCall)
class FollowedCallAdmin(admin.ModelAdmin):
    list_display = ("user", "call", "created_at")
    raw_id_fields = ("user", "call")


@admin.register(DeadlineReminder)
class DeadlineReminderAdmin(admin.ModelAdmin):
    list_display = ("user", "call", "sent_at")
    raw_id_fields = ("user", "call")
