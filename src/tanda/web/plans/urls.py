"""Plan pages: list, plan, source, change log, upload, and corrections."""

from django.urls import path

from tanda.web.plans.views import browse, changelog, edit, upload

app_name = "plans"
urlpatterns = [
    path("", browse.plan_list, name="list"),
    path("plans/upload/", upload.upload, name="upload"),
    path("plans/upload/<str:token>/", upload.upload_preview, name="upload_preview"),
    path("plans/upload/<str:token>/discard/", upload.upload_discard, name="upload_discard"),
    path("plans/<int:plan_id>/", browse.plan_detail, name="detail"),
    path("plans/<int:plan_id>/source/", browse.plan_source, name="source"),
    path("plans/<int:plan_id>/history/", changelog.plan_history, name="history"),
    path("plans/<int:plan_id>/edit/", edit.plan_edit, name="edit"),
    path("plans/<int:plan_id>/publish/", edit.plan_publish, name="publish"),
    path("plans/<int:plan_id>/targets/add/", edit.target_add, name="target_add"),
    path("plans/<int:plan_id>/targets/<int:target_id>/edit/", edit.target_edit, name="target_edit"),
    path("plans/<int:plan_id>/targets/<int:target_id>/delete/", edit.target_delete, name="target_delete"),
    path("plans/<int:plan_id>/tasks/add/", edit.task_add, name="task_add"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/edit/", edit.task_edit, name="task_edit"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/delete/", edit.task_delete, name="task_delete"),
]
