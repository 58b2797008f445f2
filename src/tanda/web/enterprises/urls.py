"""Enterprise pages, mounted at /enterprises/."""

from django.urls import path

from tanda.web.enterprises.views import imports, levels, projects, units

app_name = "enterprises"
urlpatterns = [
    path("", units.unit_list, name="index"),
    path("units/add/", units.unit_edit, name="unit_add"),
    path("units/<str:credit_code>/", units.unit_detail, name="unit"),
    path("units/<str:credit_code>/edit/", units.unit_edit, name="unit_edit"),
    path("units/<str:credit_code>/submit/", units.submit, name="submit"),
    path("units/<str:credit_code>/output/", units.add_output, name="output"),
    path("rollup/", units.rollup, name="rollup"),
    path("import/", imports.upload, name="import"),
    path("import/<str:token>/", imports.preview, name="import_preview"),
    path("import/<str:token>/errors.csv", imports.errors_file, name="import_errors"),
    path("import/<str:token>/store/", imports.store, name="import_store"),
    path("import/<str:token>/discard/", imports.discard, name="import_discard"),
    path("projects/", projects.project_list, name="projects"),
    path("projects/add/", projects.project_edit, name="project_add"),
    path("projects/export.xlsx", projects.project_export, name="projects_export"),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("caps/", projects.caps, name="caps"),
    path("levels/", levels.levels, name="levels"),
    path("levels/export.xlsx", levels.levels_export, name="levels_export"),
    path("levels/import/", levels.level_import, name="levels_import"),
    path("levels/import/<str:token>/", levels.level_import_preview, name="levels_import_preview"),
    path("levels/import/<str:token>/store/", levels.level_import_store, name="levels_import_store"),
    path("levels/import/<str:token>/discard/", levels.level_import_discard, name="levels_import_discard"),
    path("levels/<int:pk>/edit/", levels.level_edit, name="level_edit"),
    path("levels/<int:pk>/delete/", levels.level_delete, name="level_delete"),
    path("levels/<int:pk>/history/", levels.level_history, name="level_history"),
]
