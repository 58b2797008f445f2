"""Admin for schemes, assessments and their inputs, with change history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.assessment.models import Assessment, Scheme, Subject, Value


@admin.register(Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "region", "packaged_key"]


class SubjectInline(admin.TabularInline):
    model = Subject
    extra = 0
    raw_id_fields = ["region", "department"]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "region", "subject_kind", "published"]
    inlines = [SubjectInline]


@admin.register(Value)
class ValueAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "indicator", "value", "previous", "target", "source"]
    list_filter = ["subject__assessment", "indicator"]
