"""Admin for stored scenarios, with every saved version (simple-history)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.pathways.models import Scenario


@admin.register(Scenario)
class ScenarioAdmin(SimpleHistoryAdmin):
    """The document is edited in the scenario editor, which validates it; here it is read-only."""

    list_display = ["name", "title", "region", "parent", "version", "peak_year", "published", "updated", "updated_by"]
    list_filter = ["published", "region"]
    search_fields = ["name", "title", "region__name", "region__code"]
    readonly_fields = ["document", "version", "code", "digest", "peak_year", "peak_mt", "updated", "updated_by"]
    autocomplete_fields = ["region"]
    raw_id_fields = ["parent"]
