"""Admin for inventories (read-only results, with their change history) and regional factor overrides."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tanda.web.inventory.models import FactorOverride, Inventory
from tanda.web.inventory.overrides import check_entry


@admin.register(Inventory)
class InventoryAdmin(SimpleHistoryAdmin):
    list_display = ["region", "year", "kind", "factor_set", "factor_digest", "source_label", "total_kg", "created"]
    list_filter = ["kind", "factor_set", "region"]
    search_fields = ["region__name", "region__code", "source_name", "note"]
    readonly_fields = [f.name for f in Inventory._meta.fields if f.name not in {"note"} and f.editable] + [
        "created",
        "activity_sha256",
    ]
    exclude = ["record", "activity", "indicators"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("record", "activity")

    def has_add_permission(self, request) -> bool:
        return False  # inventories are made by an import, never typed in


class FactorOverrideAdminForm(forms.ModelForm):
    """The domain checks an override in the admin as on the page (item, parameter, a unit that fits)."""

    class Meta:
        model = FactorOverride
        fields = ["region", "item", "parameter", "value", "unit", "note", "active"]

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        override, problems = check_entry(
            data["item"], data["parameter"], data["value"], data.get("unit", ""), data.get("note", "")
        )
        for name, message in problems.items():
            self.add_error(name if name in self.fields else None, message)
        if override is not None:
            self.instance.target = override.item
        return data


@admin.register(FactorOverride)
class FactorOverrideAdmin(SimpleHistoryAdmin):
    form = FactorOverrideAdminForm
    list_display = ["region", "item", "parameter", "value", "unit", "note", "active"]
    list_filter = ["active", "parameter", "region"]
    search_fields = ["item", "note", "region__name", "region__code"]
    autocomplete_fields = ["region"]

    def save_model(self, request, obj, form, change) -> None:
        if not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
