from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from nidaa.accounts.forms import AdminLoginForm
from nidaa.accounts.models import Invitation, Membership, Organization, Profile, User

# Throttled like the site's own sign-in.
admin.site.login_form = AdminLoginForm


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class NidaaUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Nidaa", {"fields": ("preferred_language",)}))  # type: ignore[misc]
    list_display = ("username", "email", "first_name", "last_name", "is_staff")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "slug", "created_at")
    search_fields = ("name", "acronym", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "organization__name")
    autocomplete_fields = ["user", "organization"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "is_public", "updated_at")
    list_filter = ("is_public",)
    search_fields = ("user__username", "user__email")
    raw_id_fields = ("user",)
    filter_horizontal = ("regions",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made, resent and revoked on the members page
    (which mails the link; the admin cannot, as only the token's hash is kept)."""

    list_display = ("email", "organization", "role", "created_at", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("email", "organization__name")
    exclude = ("token_hash",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
