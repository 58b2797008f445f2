"""What a results panel shows of a run and its Monte Carlo, shaped for the templates and ECharts.

Every number comes from `tanda.pathways` (`run(...).to_dict()`, `montecarlo.summary`, through
`runs.outcome`); this module only picks, labels and converts units for display (t → Mt).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tanda.pathways import reference
from tanda.web.pathways.runs import BY_YEAR, DEFAULT_MEMBERS, DEFAULT_SEED, MEMBER_CHOICES, Outcome, outcome

__all__ = ["BY_YEAR", "DEFAULT_MEMBERS", "DEFAULT_SEED", "MEMBER_CHOICES", "Outcome", "charts", "outcome", "summary"]

MT = 1e6

INDICATORS = {
    "non_fossil_share": gettext_lazy("非化石能源消费比重"),
    "co2_intensity_change": gettext_lazy("单位地区生产总值二氧化碳排放变化"),
    "energy_intensity_change": gettext_lazy("单位地区生产总值能耗变化"),
    "co2_total": gettext_lazy("二氧化碳排放总量"),
    "energy_total": gettext_lazy("能源消费总量"),
    "coal_consumption": gettext_lazy("煤炭消费量"),
    "coal_share": gettext_lazy("煤炭消费比重"),
    "peak_year": gettext_lazy("碳达峰年份"),
}


def sector_label(key: str) -> str:
    if (get_language() or "zh-hans").startswith("zh"):
        labels = {g.sector: g.label_zh for g in reference.ceads_sectors()}
        if key in labels:
            return labels[key]
    return key.replace("_", " ")


def _mt(values: list[float | None]) -> list[float | None]:
    return [None if v is None else round(v / MT, 3) for v in values]


def target_rows(o: Outcome) -> list[dict[str, Any]]:
    """The run's target checks with their label, and the Monte Carlo probability of meeting each."""
    odds = o.mc["targets"]
    rows = []
    for i, t in enumerate(o.data["targets"]):
        rows.append(
            {
                **t,
                "indicator_label": INDICATORS.get(t["indicator"], t["indicator"]),
                "p_met": odds[i]["p_met"] if i < len(odds) else None,
            }
        )
    return rows


def summary(o: Outcome) -> dict[str, Any]:
    d = o.data
    rows = target_rows(o)
    return {
        "peak_year": d["peak_year"],
        "peak_mt": None if d["peak_tco2"] is None else d["peak_tco2"] / MT,
        "max_year": d["max_year"],
        "max_mt": d["max_tco2"] / MT,
        "plateau_end": d["plateau_end"],
        "end_year": d["years"][-1],
        "base_year": d["base_year"],
        "base_mt": d["total_tco2"][0] / MT,
        "y2030_mt": d["total_tco2"][d["years"].index(BY_YEAR)] / MT if BY_YEAR in d["years"] else None,
        "tolerance": d["peak_tolerance_pct"],
        "p_by": o.p_by,
        "by_year": BY_YEAR,
        "p_not_peaked": o.mc["p_not_peaked_by_end"],
        "quantiles": o.mc["peak_year_quantiles"],
        "members": o.members,
        "seed": o.seed,
        "uncertain": o.uncertain,
        "met": sum(1 for r in rows if r["met"]),
        "targets": len(rows),
    }


def _history(o: Outcome) -> list[list[float]]:
    """Historic total CO2 up to the base year (Mt), where the base brings a history."""
    history = o.result.model.history
    base = o.data["base_year"]
    return [
        [year, round(point.co2_total / MT, 3)]
        for year, point in sorted(history.items())
        if point.co2_total is not None and year <= base
    ]


def charts(o: Outcome) -> dict[str, Any]:
    """The JSON every chart of the results panel reads (through `json_script`)."""
    d = o.data
    stack = [{"name": sector_label(k), "values": _mt(v)} for k, v in d["sectors"].items()]
    for key, label in (("process_tco2", _("工业过程")), ("import_tco2", _("调入电力"))):
        if any(d[key]):
            stack.append({"name": label, "values": _mt(d[key])})
    quantiles = o.mc["total_tco2_quantiles"]
    peak = None
    if d["peak_year"] is not None:
        peak = {"year": d["peak_year"], "value": round(d["peak_tco2"] / MT, 3)}
    return {
        "unit": "Mt CO₂",
        "years": d["years"],
        "history": _history(o),
        "stack": stack,
        "total": _mt(d["total_tco2"]),
        "peak": peak,
        "by_year": BY_YEAR,
        "fan": {
            "p05": _mt(quantiles["p05"]),
            "p50": _mt(quantiles["p50"]),
            "p95": _mt(quantiles["p95"]),
            "members": o.members,
        },
        "distribution": o.distribution,
        "wedges": [
            {"name": w["title"] or w["measure"], "delta": _mt(w["delta_tco2"]), "start": w["start"]}
            for w in d["wedges"]
        ],
        "labels": {
            "total": _("排放总量"),
            "history": _("历史排放（CEADs）"),
            "peak": _("达峰"),
            "median": _("中位数"),
            "band": _("5%–95% 区间"),
            "central": _("情景路径"),
            "share": _("样本占比"),
            "not_peaked": _("未达峰"),
            "with": _("含全部措施"),
            "without": _("不含措施"),
        },
    }
