"""The inventory demo: CEADs' published inventories of Jilin and Liaoning (1997–2019), and Jilin's 2010 and
2011 inventories computed from its yearbook-layout energy balance with the guideline and CEADs-style sets.

Everything goes through the same doors an office user's import does (`intake.dry_run`, `store.save`),
so the demo is also a check of them. Intensities need GDP at constant prices and population: Jilin's
(GDP at 2005 prices, national deflator) are written to the indicators app as observations first,
only where it has none. Derived indicators are then written to the indicators app in `fill` mode:
CEADs' series for CO2, the guideline inventories for the energy indicators CEADs does not have.
Loading twice changes nothing (same content is never stored twice).
"""

from __future__ import annotations

import csv
from importlib import resources
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from tanda.web.indicators.store import check_rows, save_rows
from tanda.web.inventory import publish, yearbook
from tanda.web.inventory.intake import Upload, dry_run
from tanda.web.inventory.models import Inventory
from tanda.web.inventory.store import refresh_region, save, series

CEADS_FILE = "ceads_jilin_liaoning_sectoral_1997_2019.csv"
ECONOMY_FILE = "jilin_ceads_gdp_pop_1997_2019.csv"
PROVINCES = {"220000": "吉林", "210000": "辽宁"}
JILIN = "220000"
SETS = ("guideline", "ceads")
SHARES = ("non_fossil_share", "coal_share")


def _user() -> Any:
    User = get_user_model()
    return User.objects.filter(username="admin").first() or User.objects.filter(is_superuser=True).first()


def _ceads_bytes() -> bytes:
    return resources.files("tanda.data.ceads").joinpath(CEADS_FILE).read_bytes()


def _economy_rows() -> list[dict[str, Any]]:
    text = resources.files("tanda.data.ceads").joinpath(ECONOMY_FILE).read_text(encoding="utf-8")
    rows = []
    for r in csv.DictReader(text.splitlines()):
        base = f"{ECONOMY_FILE} (umd-cgs/gcam-china)"
        if r["gdp_const2005_1e8yuan_natdeflator"]:
            rows.append(
                {
                    "indicator": "gdp_constant_prices",
                    "region": JILIN,
                    "year": int(r["year"]),
                    "value": r["gdp_const2005_1e8yuan_natdeflator"],
                    "unit": "亿元",
                    "source": f"{base}: 2005年价格, national deflator; vintage {r['gdp_flag']}",
                }
            )
        if r["population_1e4"]:
            rows.append(
                {
                    "indicator": "population",
                    "region": JILIN,
                    "year": int(r["year"]),
                    "value": r["population_1e4"],
                    "unit": "万人",
                    "source": base,
                }
            )
    return rows


def _fill_observations(rows: list[dict[str, Any]], user: Any) -> dict[str, int]:
    """Store rows the indicators app does not have yet; a value it holds from any source stays."""
    result = check_rows(rows, user=user, replace=True)
    result.rows = [r for r in result.rows if r.action == "new"]
    return save_rows(result, user=user, reason="inventory demo: economic data for intensities")


@transaction.atomic
def load_demo() -> list[str]:
    user = _user()
    lines: list[str] = []
    economy = _fill_observations(_economy_rows(), user) if user else {"new": 0}
    refresh_region(JILIN)

    published: dict[str, list[Inventory]] = {}
    for code in PROVINCES:
        run = dry_run([Upload(CEADS_FILE, _ceads_bytes())], region=code)
        if not run.ok:
            return [f"inventory demo stopped: CEADs {code}: {run.errors[:3]}"]
        published[code] = save(run, user=user).all
    jilin_2011 = next(i for i in published[JILIN] if i.year == 2011)
    years = sorted(i.year for i in published[JILIN])
    lines.append(
        "inventory: CEADs published inventories: "
        + "; ".join(f"{PROVINCES[c]} {len(v)} years" for c, v in published.items())
        + f" ({years[0]}–{years[-1]}); Jilin 2011 = {jilin_2011.total_kg / 1e9:.2f} Mt"
    )

    computed: list[Inventory] = []
    for year in yearbook.balance_years():
        files = [
            Upload(f"吉林省能源平衡表(实物量){year}.xlsx", yearbook.balance_xlsx(year)),
            Upload(f"吉林省水泥产量{year}.csv", yearbook.cement_csv([year])),
        ]
        for name in SETS:
            run = dry_run(files, region=JILIN, factor_set=name, use_overrides=False)
            if not run.ok:
                return [*lines, f"inventory demo stopped: Jilin {year} {name}: {run.errors[:3]}"]
            computed.extend(save(run, user=user, note="demo: packaged balance (LBL databook) + cement output").all)
    lines.append(
        "inventory: computed from the yearbook balance: "
        + "; ".join(f"Jilin {i.year} {i.factor_set} {i.total_kg / 1e9:.2f} Mt" for i in computed)
    )

    written = {"new": 0, "change": 0, "same": 0}
    if user is not None:
        # Jilin's CEADs CO2 history is the indicators demo's (same CEADs numbers, its own rounding);
        # its 2010/2011 energy totals are the official statistics, not the balance's sum. So: Liaoning's
        # published series, and the shares of Jilin's balance that nothing else provides.
        batches = [
            (series("210000", published["210000"][0].series_key), None),
            ([i for i in computed if i.factor_set == "guideline"], SHARES),
        ]
        for batch, codes in batches:
            counts, _plan = publish.publish(batch, user=user, mode="fill", reason="inventory demo", codes=codes)
            for k in written:
                written[k] += counts[k]
    derived = sum(len(i.indicators) for i in Inventory.objects.filter(region_id__in=PROVINCES))
    lines.append(
        f"inventory: derived indicators: {derived} on the inventories; indicators app: "
        f"{written['new']} new, {written['change']} changed, {written['same']} unchanged observations "
        f"(and {economy['new']} GDP/population observations of Jilin)"
    )
    return lines
