"""Inventory pages: list, import, one inventory (table, chart, comparison, export), factor sets, overrides."""

from django.urls import path, re_path

from tanda.web.inventory.views import browse, factors, imports, publish

app_name = "inventory"
urlpatterns = [
    path("", browse.index, name="index"),
    path("export.xlsx", browse.export_list, name="export_list"),
    path("import/", imports.upload, name="import"),
    path("import/template.csv", imports.template_csv, name="import_template"),
    path("import/example-balance-<int:year>.xlsx", imports.example_balance, name="example_balance"),
    path("import/<str:token>/", imports.preview, name="import_preview"),
    path("import/<str:token>/discard/", imports.discard, name="import_discard"),
    path("<int:inventory_id>/", browse.detail, name="detail"),
    path("<int:inventory_id>/matrix/", browse.matrix_partial, name="matrix"),
    path("<int:inventory_id>/compare/", browse.compare_view, name="compare"),
    path("<int:inventory_id>/export.xlsx", browse.export_one, name="export"),
    path("<int:inventory_id>/recompute/", browse.recompute_view, name="recompute"),
    path("<int:inventory_id>/delete/", browse.delete_view, name="delete"),
    path("<int:inventory_id>/publish/", publish.publish_view, name="publish"),
    path("factors/", factors.factor_sets, name="factor_sets"),
    path("factors/<str:name>/", factors.factor_set, name="factor_set"),
    re_path(r"^overrides/(?P<code>\d{6})/$", factors.overrides, name="overrides"),
    re_path(r"^overrides/(?P<code>\d{6})/(?P<pk>\d+)/edit/$", factors.override_edit, name="override_edit"),
    re_path(r"^overrides/(?P<code>\d{6})/(?P<pk>\d+)/history/$", factors.override_history, name="override_history"),
]
