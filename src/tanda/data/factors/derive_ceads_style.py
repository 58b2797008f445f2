"""Make `ceads_style_jilin2010.csv`: CEADs-style CO2 factors implied by one published year.

Shan et al. (2018) publish their factor table in the paper, which could not be read here to
confirm it. What can be read are CEADs' published CO2 by fuel and the energy balance the
inventory was built from. For Jilin 2010:

    factor(fuel) = CEADs CO2(fuel, 2010) / fuel burned in Jilin's 2010 balance

where "burned" is what `tanda.inventory.balance` reads from the balance (final consumption −
non-energy use + thermal power and heating inputs). The factors are fitted on 2010 only; the
tests check them on 2011, never on the year they were made from.

Run from the repository root, with ../shared beside it:

    python -m tanda.data.factors.derive_ceads_style [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

from tanda.inventory.balance import read_balance_long
from tanda.inventory.fuels import all_fuels
from tanda.inventory.published import ceads_totals

YEAR = 2010
REGION = "Jilin"
OUT = Path(__file__).with_name("ceads_style_jilin2010.csv")
_UNITS = {"10^4 t": "万吨", "10^8 m3": "亿立方米", "10^8 kWh": "亿千瓦时", "10^4 GJ": "万百万千焦"}


def databook_long(table: pd.DataFrame) -> pd.DataFrame:
    """The LBL databook rows of `jilin_energy_balance_*.csv` as a long balance.

    Columns of the result: region, year, flow, fuel, quantity, unit.

    Rows without physical quantities (naphtha, lubricants, waxes, solvents, bitumen, petroleum coke,
    LNG, gangue, other energy: given only in Mtce, nearly all non-energy use) are left out.
    The databook labels part of 2010's non-energy use "Heavy Industry" (natural gas 0.45 ×10⁸ m³ and
    naphtha = all of its consumption): the same items appear as "Industry - NonEnergy Use" in 2011,
    so they are read as non-energy use.
    """
    rows = table[table["value_physical"].notna() & table["physical_unit"].notna()]
    flow = rows["EBProcess"].replace({"Heavy Industry": "Industry - NonEnergy Use"})
    long = pd.DataFrame(
        {
            "region": rows["province"],
            "year": rows["year"].astype(int),
            "flow": flow,
            "fuel": rows["EBMaterial"],
            "quantity": rows["value_physical"].astype(float),
            "unit": rows["physical_unit"].map(_UNITS),
        }
    )
    return long.groupby(["region", "year", "flow", "fuel", "unit"], as_index=False, sort=False)["quantity"].sum()


def derive(shared: Path, year: int = YEAR) -> list[dict[str, str]]:
    """Factor rows implied by `year` (2010 for the packaged file; other years to test the method)."""
    from tanda.inventory.factors import load_factor_set

    balance = pd.read_csv(shared / "jilin_energy_balance_2006p_2010_2011_Mtce.csv")
    balance = balance[(balance["province"] == REGION) & (balance["year"] == year)]
    activity = read_balance_long(databook_long(balance), source=f"{REGION} {year}").frame
    burned = activity[activity["flow"] == "combustion"].groupby("fuel")["quantity"].sum()
    published = ceads_totals(pd.read_csv(shared / "ceads_jilin_liaoning_sectoral_1997_2019.csv"), REGION, year)
    fuels = all_fuels()
    guideline = load_factor_set("guideline").combustion

    # Burned quantity per CEADs fuel, in the unit of the fuel that names the group.
    groups: dict[str, float] = {}
    for fuel_id, quantity in burned.items():
        f = fuels[fuel_id]
        head = next(x for x in fuels.values() if x.name_en == f.ceads)
        if f.unit != head.unit:
            raise ValueError(f"{fuel_id} is burned in {f.unit}, its CEADs group {f.ceads} in {head.unit}")
        groups[f.ceads] = groups.get(f.ceads, 0.0) + float(quantity)

    out = []
    for f in fuels.values():
        if not f.combustible or not f.ceads:
            continue
        head = next(x for x in fuels.values() if x.name_en == f.ceads)
        per = "t/万立方米" if f.unit == "m3" else "t/t"
        scale = 1e4 if f.unit == "m3" else 1.0
        amount = groups.get(f.ceads, 0.0)
        co2_t = published.get(f.ceads, 0.0) * 1e6
        if f.unit == head.unit and amount > 0 and co2_t > 0:
            ef = co2_t / amount * scale
            burned_text = f"{amount / scale:.6g} {per.split('/')[1]}"
            basis = f"CEADs {f.ceads} {year} {co2_t / 1e6:.6f} Mt / {burned_text} burned ({REGION})"
        elif f.id in guideline:
            ef = guideline[f.id].ef * scale
            why = "CEADs publishes 0 although the balance shows it burned" if amount > 0 else "not burned in the year"
            if f.unit != head.unit:
                why = f"held in {f.unit}, its CEADs group in {head.unit}"
            basis = f"guideline value ({why})"
        else:
            continue
        out.append({"fuel": f.id, "ef": f"{ef:.10g}", "unit": per, "basis": basis})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[4].parent / "shared" / "data"
    parser.add_argument("--shared", type=Path, default=default, help="the folder with the shared CSV files")
    args = parser.parse_args()
    rows = derive(args.shared)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["fuel", "ef", "unit", "basis"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} factors to {OUT}")


if __name__ == "__main__":
    main()
