"""Pathways pages: scenarios and their editor, versions, downloads, share codes, comparison, history."""

from django.urls import path

from tanda.web.pathways.views import browse, compare, edit, history, share

app_name = "pathways"
urlpatterns = [
    path("", browse.index, name="index"),
    path("new/", edit.new, name="new"),
    path("recompute/", edit.recompute, name="recompute"),
    path("s/<int:scenario_id>/", browse.scenario_page, name="scenario"),
    path("s/<int:scenario_id>/save/", edit.save, name="save"),
    path("s/<int:scenario_id>/versions/", browse.versions, name="versions"),
    path("s/<int:scenario_id>/iamc.csv", browse.download_iamc, name="iamc"),
    path("s/<int:scenario_id>/scenario.yaml", browse.download_document, name="document"),
    path("code/", share.code_page, name="code"),
    path("code/iamc.csv", share.code_iamc, name="code_iamc"),
    path("compare/", compare.compare, name="compare"),
    path("compare/iamc.csv", compare.compare_iamc, name="compare_iamc"),
    path("history/", history.history, name="history"),
]
