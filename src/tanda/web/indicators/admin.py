"""Admin pages of observations and target links, with their change history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.indicators.models import Observation, TargetLink


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "region", "period", "value", "unit", "source", "status", "updated")
    list_filter = ("status", "frequency", "indicator")
    search_fields = ("indicator", "region__code", "region__name", "source")
    raw_id_fields = ("region", "reported_by")


@admin.register(TargetLink)
class TargetLinkAdmin(SimpleHistoryAdmin):
    list_display = ("target", "indicator", "status", "method", "value", "unit")
    list_filter = ("status", "method")
    search_fields = ("indicator", "target__indicator")
    raw_id_fields = ("target", "chosen_by")
