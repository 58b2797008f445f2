"""Admin for reference data: regions (synced from packaged data, so read-only), departments, roles."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.core.models import Department, Profile, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Regions come from GB/T 2260 via `sync_regions`; an edit here would be undone by the next sync."""

    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "name", "level", "parent"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Region | None = None) -> bool:
        return False


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "region__name", "region__code"]
    autocomplete_fields = ["region"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["region", "department"]
    extra = 1
    max_num = 1


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class TandaUserAdmin(UserAdmin):
    """Django's user admin with the tanda role and region on the same page."""

    inlines = [ProfileInline]
    list_display = [*UserAdmin.list_display, "role", "region"]
    list_select_related = ["profile__region"]

    @admin.display(description=Profile._meta.get_field("role").verbose_name)
    def role(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile else ""

    @admin.display(description=Profile._meta.get_field("region").verbose_name)
    def region(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return profile.region.name if profile and profile.region else ""
