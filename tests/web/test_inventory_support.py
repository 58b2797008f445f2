"""Helpers of the inventory web tests (no tests here): small activity files, imports through the pages, stored
inventories made through the same doors the pages use, and the published figures of ../shared/data/SOURCES.md.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tanda.web.inventory import yearbook
from tanda.web.inventory.intake import Upload, dry_run
from tanda.web.inventory.models import Inventory
from tanda.web.inventory.store import save

SOURCES_MD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "SOURCES.md"
HEADER = ("region", "year", "sector", "fuel", "quantity", "unit")

# A small, valid tidy file: fuel by sector, cement (process), electricity trade (scope 2) and a sink.
VALID_ROWS = [
    ("吉林省", 2020, "电力、热力的生产和供应业", "原煤", 100, "万吨"),
    ("吉林省", 2020, "交通运输、仓储和邮政业", "柴油", 10, "万吨"),
    ("吉林省", 2020, "城镇", "天然气", 1.5, "亿立方米"),
    ("吉林省", 2020, "", "水泥", 50, "万吨"),
    ("吉林省", 2020, "调入", "电力", 20, "亿千瓦时"),
    ("吉林省", 2020, "调出", "电力", 5, "亿千瓦时"),
    ("吉林省", 2020, "", "碳汇", 30, "万吨二氧化碳"),
]

# One problem per row (spreadsheet rows: the header is row 1).
BAD_ROWS = [
    ("吉林省", 2020, "电力、热力的生产和供应业", "原煤块", 100, "万吨"),  # row 2: unknown fuel
    ("吉林省", 2020, "宇宙飞船制造业", "柴油", 10, "万吨"),  # row 3: unknown sector
    ("吉林省", 2020, "交通运输、仓储和邮政业", "汽油", -5, "万吨"),  # row 4: negative quantity
    ("吉林省", 2020, "城镇", "柴油", 3, "亿立方米"),  # row 5: a volume unit for a liquid fuel
    ("吉林省", 2020, "建筑业", "柴油", 2, "万吨"),  # row 6
    ("吉林省", 2020, "建筑业", "柴油", 2, "万吨"),  # row 7: duplicates row 6
]


def tidy_csv(rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def post_import(client, files: list[tuple[str, bytes]], region: str = "220000", **fields):
    """POST the import form; returns the response (a redirect to the preview when the form is valid)."""
    form = {
        "region": region,
        "files": [SimpleUploadedFile(name, data) for name, data in files],
        "factor_set": "guideline",
        "use_overrides": "on",
        "grid": "national",
        **fields,
    }
    return client.post(reverse("inventory:import"), form)


def preview(client, files: list[tuple[str, bytes]], **fields):
    """Upload and open the preview; (preview URL, preview response)."""
    response = post_import(client, files, **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    url = response["Location"]
    return url, client.get(url)


def ceads_bytes() -> bytes:
    from importlib import resources

    return resources.files("tanda.data.ceads").joinpath("ceads_jilin_liaoning_sectoral_1997_2019.csv").read_bytes()


def store_ceads(region: str = "220000", user=None) -> list[Inventory]:
    run = dry_run([Upload("ceads_jilin_liaoning_sectoral_1997_2019.csv", ceads_bytes())], region=region)
    assert run.ok, run.errors[:3]
    return save(run, user=user).all


def store_balance(year: int, factor_set: str = "guideline", user=None, use_overrides: bool = False) -> Inventory:
    """Jilin's packaged balance of `year` in the yearbook layout, with the year's cement output, computed and stored."""
    files = [
        Upload(f"吉林省能源平衡表{year}.xlsx", yearbook.balance_xlsx(year)),
        Upload(f"cement{year}.csv", yearbook.cement_csv([year])),
    ]
    run = dry_run(files, region="220000", factor_set=factor_set, use_overrides=use_overrides)
    assert run.ok, run.errors[:3]
    (inventory,) = save(run, user=user).all
    return inventory


def store_tidy(rows: list[tuple], *, region: str = "220000", factor_set: str = "guideline", user=None, overrides=True):
    run = dry_run(
        [Upload("activity.csv", tidy_csv(rows))], region=region, factor_set=factor_set, use_overrides=overrides
    )
    assert run.ok, run.errors[:3]
    return save(run, user=user).all


def published_jilin_peak_mt() -> float:
    """'Jilin's CEADs emissions peak in 2011 (234.43 Mt)', as SOURCES.md states it."""
    text = SOURCES_MD.read_text(encoding="utf-8")
    match = re.search(r"Jilin's CEADs emissions peak in 2011 \((\d+\.\d+) Mt\)", text)
    assert match, f"{SOURCES_MD} no longer states Jilin's 2011 peak"
    return float(match.group(1))
