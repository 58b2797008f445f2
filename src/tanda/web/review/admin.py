"""Admin for the department mapping tables and allocations, with their change history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.review.models import Allocation, AllocationShare, DepartmentMapping


@admin.register(DepartmentMapping)
class DepartmentMappingAdmin(SimpleHistoryAdmin):
    list_display = ["parent_name", "child_name", "region", "note"]
    list_filter = ["region"]
    search_fields = ["parent_name", "child_name"]


class ShareInline(admin.TabularInline):
    model = AllocationShare
    extra = 0


@admin.register(Allocation)
class AllocationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "method", "aggregation", "created"]
    raw_id_fields = ["target"]
    inlines = [ShareInline]
