"""Assessment pages: assessments (results, data, exports) and schemes."""

from django.urls import path

from tanda.web.assessment.views import assessments, schemes

app_name = "assessment"
urlpatterns = [
    path("", assessments.index, name="index"),
    path("new/", assessments.assessment_new, name="new"),
    path("<int:pk>/", assessments.detail, name="detail"),
    path("<int:pk>/data/", assessments.data_entry, name="data"),
    path("<int:pk>/export.xlsx", assessments.export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.docx", assessments.export_docx, name="export_docx"),
    path("schemes/", schemes.scheme_list, name="schemes"),
    path("schemes/new/", schemes.scheme_edit, name="scheme_new"),
    path("schemes/<int:pk>/", schemes.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/edit/", schemes.scheme_edit, name="scheme_edit"),
]
