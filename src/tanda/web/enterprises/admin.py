"""Admin: the register, accounts, projects and caps (submissions are edited on the unit pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.enterprises.models import (
    EnteredLevel,
    Enterprise,
    EnterpriseAccount,
    ImportBatch,
    MeterToken,
    Project,
    RegionCap,
)


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = (
        "credit_code",
        "name",
        "industry",
        "region",
        "band",
        "data_centre",
        "online_monitoring",
        "synthetic",
    )
    list_filter = ("data_centre", "online_monitoring", "synthetic")
    search_fields = ("credit_code", "name")
    raw_id_fields = ("region",)


@admin.register(EnterpriseAccount)
class EnterpriseAccountAdmin(SimpleHistoryAdmin):
    list_display = ("user", "enterprise")
    raw_id_fields = ("user", "enterprise")


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("name", "region", "product", "status", "design_energy_tce")
    list_filter = ("status",)
    raw_id_fields = ("enterprise", "region")


@admin.register(RegionCap)
class RegionCapAdmin(SimpleHistoryAdmin):
    list_display = ("region", "year", "energy_cap_tce", "carbon_cap_t")
    raw_id_fields = ("region",)


@admin.register(EnteredLevel)
class EnteredLevelAdmin(SimpleHistoryAdmin):
    """Levels an office entered from the document it holds; the levels page is where they are usually kept."""

    list_display = ("product_zh", "edition", "region", "benchmark", "baseline", "unit", "document", "entered_by")
    list_filter = ("edition",)
    search_fields = ("product", "product_zh", "document", "citation")
    autocomplete_fields = ("region",)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("created", "kind", "source_name", "rows", "created_by")
    readonly_fields = ("kind", "source_name", "sha256", "rows", "created_by", "created")


@admin.register(MeterToken)
class MeterTokenAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "label", "created")
    readonly_fields = ("digest",)
    raw_id_fields = ("enterprise",)
