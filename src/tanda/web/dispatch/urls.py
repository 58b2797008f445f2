"""Dispatch pages: the task board, progress forms, evidence, notifications and dispatch reports."""

from django.urls import path

from tanda.web.dispatch.views import board, notifications, progress, reports

app_name = "dispatch"
urlpatterns = [
    path("", board.board, name="board"),
    path("reminders/", board.send_reminders, name="reminders"),
    path("tasks/<int:task_id>/report/", progress.report_task, name="report_task"),
    path("tasks/<int:task_id>/deadline/", board.task_deadline, name="deadline"),
    path("evidence/<int:evidence_id>/", progress.evidence, name="evidence"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/badge/", notifications.badge, name="badge"),
    path("notifications/read/", notifications.mark_all_read, name="read_all"),
    path("notifications/<int:notification_id>/read/", notifications.mark_read, name="read"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.report_create, name="report_create"),
    path("reports/<int:report_id>/", reports.report_detail, name="report_detail"),
    path("reports/<int:report_id>/<str:fmt>/", reports.report_download, name="report_download"),
]
