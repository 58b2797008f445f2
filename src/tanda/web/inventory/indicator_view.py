"""The derived indicators of an inventory as its page lists them, with what the indicators app holds."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from tanda.web.inventory.models import Inventory
from tanda.web.inventory.publish import CATALOGUE_CODES, catalogue_name, published_codes


def label(code: str) -> str:
    if code.startswith("co2_per_gdp_change_vs_"):
        return _("单位GDP二氧化碳排放较%(year)s年变化") % {"year": code.rsplit("_", 1)[1]}
    if code.startswith("energy_per_gdp_change_vs_"):
        return _("单位GDP能耗较%(year)s年变化") % {"year": code.rsplit("_", 1)[1]}
    if code == "co2_total":
        return _("二氧化碳排放（能源活动 + 工业过程，范围一）")
    if code == "co2_energy":
        return _("能源活动二氧化碳排放")
    if code in CATALOGUE_CODES:
        return catalogue_name(code)
    return code


def indicator_rows(inventory: Inventory) -> list[dict[str, Any]]:
    stored = published_codes(inventory)
    rows = []
    for d in inventory.indicators:
        if d["code"] == "problem":
            continue
        target = CATALOGUE_CODES.get(d["code"])
        obs = stored.get(target) if target else None
        link = None
        if target:
            try:
                link = reverse("indicators:indicator", args=[inventory.region_id, target])
            except NoReverseMatch:
                link = None
        shown, unit = d["value"], d["unit"]
        if unit == "t" and shown is not None:
            shown, unit = shown / 1e4, "万吨"
        rows.append(
            {
                "code": d["code"],
                "shown": shown,
                "shown_unit": unit,
                "label": label(d["code"]),
                "value": d["value"],
                "unit": d["unit"],
                "method": d["method"],
                "catalogue": target,
                "stored": obs,
                "link": link,
            }
        )
    return rows


def problems(inventory: Inventory) -> list[str]:
    return [d["method"] for d in inventory.indicators if d["code"] == "problem"]
