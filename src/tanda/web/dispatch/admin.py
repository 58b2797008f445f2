"""Admin of the dispatch: progress reports (with history), deadlines, notifications, frozen reports."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.dispatch.models import DispatchReport, Evidence, Notification, ProgressReport, TaskSchedule


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["name", "file", "size", "uploaded_by", "uploaded"]
    readonly_fields = ["size", "uploaded_by", "uploaded"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["task", "department", "period", "status", "percent", "updated"]
    list_filter = ["period", "status", "task__plan__region"]
    search_fields = ["task__title", "department__name", "narrative"]
    raw_id_fields = ["task", "department", "created_by"]
    inlines = [EvidenceInline]


@admin.register(TaskSchedule)
class TaskScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["task", "deadline"]
    raw_id_fields = ["task"]
    search_fields = ["task__title"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "kind", "region", "created", "read_at", "emailed_at"]
    list_filter = ["kind", "region"]
    search_fields = ["title", "user__username"]
    raw_id_fields = ["user", "region"]


@admin.register(DispatchReport)
class DispatchReportAdmin(admin.ModelAdmin):
    """Reports are frozen: the admin lists and deletes them, it does not change them."""

    list_display = ["title", "region", "period", "serial", "created", "created_by"]
    list_filter = ["region", "period"]
    exclude = ["docx", "xlsx"]
    readonly_fields = ["region", "period", "year", "serial", "title", "plans", "snapshot", "created", "created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).defer("docx", "xlsx")
