"""Review pages: plan review and opinion, department mapping tables, target allocation."""

from django.urls import path

from tanda.web.review.views import allocation, departments, review

app_name = "review"
urlpatterns = [
    path("", review.index, name="index"),
    path("<int:child_id>/<int:parent_id>/", review.review_page, name="review"),
    path("<int:child_id>/<int:parent_id>/opinion.docx", review.review_docx, name="opinion"),
    path("departments/", departments.department_tables, name="department_tables"),
    path("departments/<str:code>/", departments.department_table, name="departments"),
    path("allocations/new/", allocation.allocation_new, name="allocation_new"),
    path("allocations/<int:pk>/", allocation.allocation_detail, name="allocation"),
    path("allocations/<int:pk>/delete/", allocation.allocation_delete, name="allocation_delete"),
]
