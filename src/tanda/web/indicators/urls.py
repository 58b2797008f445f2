"""Indicator pages: dashboards by region, indicator pages, the link review list, observation entry and import."""

from django.urls import path, re_path

from tanda.web.indicators.views import dashboard, entry, review

app_name = "indicators"
urlpatterns = [
    path("", dashboard.index, name="index"),
    path("catalogue/", dashboard.catalogue, name="catalogue"),
    path("observations/new/", entry.observation_new, name="observation_new"),
    path("observations/import/", entry.import_upload, name="import"),
    path("observations/import/template.xlsx", entry.import_template, name="import_template"),
    path("observations/import/<str:token>/", entry.import_preview, name="import_preview"),
    path("observations/<int:pk>/history/", entry.observation_history, name="observation_history"),
    path("links/<int:link_id>/choose/", review.choose, name="choose"),
    re_path(r"^(?P<region>\d{6})/$", dashboard.region_dashboard, name="dashboard"),
    re_path(r"^(?P<region>\d{6})/review/$", review.review_list, name="review"),
    re_path(r"^(?P<region>\d{6})/(?P<code>[a-z0-9_]+)/$", dashboard.indicator_page, name="indicator"),
]
