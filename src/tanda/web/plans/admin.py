"""Admin for plans and their targets, tasks and rules, each with its change history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.plans.models import Plan, Rule, Target, Task, TaskDepartment


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "doc_number", "date", "published"]
    list_filter = ["published", "region"]
    search_fields = ["title", "doc_number", "issuer", "region__name", "region__code"]
    autocomplete_fields = ["region", "parent"]
    readonly_fields = ["source_name", "source_sha256", "created", "created_by"]
    exclude = ["source_file", "source_text"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source_file", "source_text")


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "value", "unit", "year", "kind", "plan"]
    list_filter = ["kind", "plan__region"]
    search_fields = ["indicator", "quote", "plan__title"]
    raw_id_fields = ["plan", "section"]


class TaskDepartmentInline(admin.TabularInline):
    model = TaskDepartment
    autocomplete_fields = ["department"]
    extra = 0


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan"]
    list_filter = ["plan__region"]
    search_fields = ["title", "text", "plan__title"]
    raw_id_fields = ["plan", "section"]
    inlines = [TaskDepartmentInline]


@admin.register(Rule)
class RuleAdmin(SimpleHistoryAdmin):
    list_display = ["text", "plan"]
    search_fields = ["text", "quote"]
    raw_id_fields = ["plan", "section"]
