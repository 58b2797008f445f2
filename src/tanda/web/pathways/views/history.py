"""Analysis of history: has the region's CO2 peaked (with the criteria), and what drove it (Kaya LMDI).

Only Jilin's history is packaged (CEADs with GDP, population and energy, `tanda.pathways.reference`);
`HISTORIES` wires a region code to its series, so another province is one entry once its data is
packaged. Every number is the domain's: `decide_peak` and `lmdi.kaya_between`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanda.pathways import PathwayInputError, decide_peak, lmdi, reference
from tanda.web.core.models import Region

MT = 1e6


@dataclass(frozen=True)
class History:
    co2_mt: Callable[[], dict[int, float]]  # scope-1 total, Mt: the series of the peak decision
    kaya: Callable[[], list[dict[str, Any]]]  # population, gdp, energy, energy-related co2
    source: str


HISTORIES: dict[str, History] = {
    "220000": History(reference.jilin_co2_series, reference.jilin_kaya_rows, "CEADs (Shan et al. 2018), 1997–2019"),
}
DEFAULT_FROM, DEFAULT_TO = 2005, 2019
# the five-year plan periods the data cover (the 13th ends in 2019 here: the data stop there)
PERIODS = (
    (2005, 2010, gettext_lazy("“十一五” 2005–2010")),
    (2010, 2015, gettext_lazy("“十二五” 2010–2015")),
    (2015, 2019, gettext_lazy("“十三五” 2015–2019")),
)
FACTOR_LABELS = {
    "population": gettext_lazy("人口规模"),
    "affluence": gettext_lazy("人均 GDP"),
    "energy_intensity": gettext_lazy("能源强度（能耗/GDP）"),
    "carbon_intensity": gettext_lazy("能源碳强度（CO₂/能耗）"),
}


def _year(value: str | None, default: int) -> int | None:
    if value in (None, ""):
        return default
    return int(value) if value.strip().isdigit() else None


def history(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("region") or "220000"
    region = Region.objects.filter(code=code).first()
    known = Region.objects.filter(code__in=HISTORIES)
    entry = HISTORIES.get(code)
    context: dict[str, Any] = {"region": region, "code": code, "regions": known, "entry": entry}
    if entry is None:
        return render(request, "pathways/history.html", context)
    rows = {int(r["year"]): {k: r[k] for k in ("population", "gdp", "energy", "co2")} for r in entry.kaya()}
    year_from = _year(request.GET.get("from"), DEFAULT_FROM)
    year_to = _year(request.GET.get("to"), DEFAULT_TO)
    errors: dict[str, str] = {}
    kaya = None
    if year_from is None:
        errors["from"] = _("请填写年份，例如 2005")
    if year_to is None:
        errors["to"] = _("请填写年份，例如 2019")
    if not errors and year_from >= year_to:  # type: ignore[operator]
        errors["to"] = _("结束年份须晚于起始年份")
    if not errors:
        try:
            kaya = lmdi.kaya_between(rows, year_from, year_to)  # type: ignore[arg-type]
        except PathwayInputError as exc:
            which = "from" if exc.field == "--from" or exc.field.startswith(f"{year_from}.") else "to"
            errors[which] = exc.message if exc.field.startswith("--") else f"{exc.field}: {exc.message}"
    periods = []
    for start, end, label in PERIODS:
        found = lmdi.kaya_between(rows, start, end)
        periods.append(
            {
                "label": str(label),
                "effects_mt": [found["effects"][k] / MT for k in lmdi.KAYA_FACTORS],  # type: ignore[index]
                "delta_mt": found["delta"] / MT,  # type: ignore[operator]
            }
        )
    series = entry.co2_mt()
    decision = decide_peak(series)
    effects = []
    if kaya is not None:
        effects = [{"key": k, "label": str(FACTOR_LABELS[k]), "mt": v / MT} for k, v in kaya["effects"].items()]
    context.update(
        {
            "year_from": request.GET.get("from", DEFAULT_FROM),
            "year_to": request.GET.get("to", DEFAULT_TO),
            "errors": errors,
            "kaya": kaya,
            "effects": effects,
            "effects_sum_mt": sum(e["mt"] for e in effects),
            "kaya_from_mt": None if kaya is None else kaya["from"] / MT,
            "kaya_to_mt": None if kaya is None else kaya["to"] / MT,
            "factor_labels": [str(FACTOR_LABELS[k]) for k in lmdi.KAYA_FACTORS],
            "decision": decision,
            "periods": periods,
            "years": sorted(rows),
            "charts": {
                "unit": "Mt CO₂",
                "series": [[y, v] for y, v in sorted(series.items())],
                "decision": decision.to_dict(),
                "waterfall": None
                if kaya is None
                else {
                    "start": {"label": str(year_from), "value": kaya["from"] / MT},
                    "end": {"label": str(year_to), "value": kaya["to"] / MT},
                    "effects": [{"label": e["label"], "value": e["mt"]} for e in effects],
                },
                "periods": {
                    "labels": [p["label"] for p in periods],
                    "factors": [
                        {"label": str(FACTOR_LABELS[k]), "values": [p["effects_mt"][i] for p in periods]}
                        for i, k in enumerate(lmdi.KAYA_FACTORS)
                    ],
                    "delta": [p["delta_mt"] for p in periods],
                },
                "labels": {
                    "co2": _("CO₂ 排放（CEADs，含工业过程）"),
                    "peak": _("历史最高"),
                    "start": _("起点"),
                    "end": _("终点"),
                    "delta": _("合计变化"),
                },
            },
        }
    )
    return render(request, "pathways/history.html", context)
