"""The enterprise demo: 300 synthetic units in Jilin with a year of submissions, output, two-high
projects, caps, an enterprise account and a metering key. Everything is labelled as synthetic.

Submissions go through the same import as a user's file (validation, then COPY or executemany),
so the demo also exercises that path. The account is made by the plans demo's own helper, so its
password is kept in TANDA_HOME/demo_accounts.json with the others. Loading twice changes nothing.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from tanda import config
from tanda.enterprises import band_of, submission_rows, synthetic_units
from tanda.web.core.models import Profile
from tanda.web.enterprises.models import (
    Enterprise,
    EnterpriseAccount,
    MeterToken,
    Output,
    Project,
    RegionCap,
    Submission,
)
from tanda.web.enterprises.services import energy_of
from tanda.web.enterprises.store import import_submissions
from tanda.web.plans import demo as plans_demo

PROVINCE = "220000"
YEAR = 2024
UNITS = 300
USERNAME = "demo-enterprise"
# division → (product, kgce per t of product the synthetic output is made to show, by unit serial)
# (only products whose levels are packaged, i.e. confirmed: see tanda/data/enterprises/PROVENANCE.md)
OUTPUT_PRODUCTS = {
    "30": ("cement_clinker", (96.0, 108.0, 124.0)),
    "31": ("silicomanganese", (850.0, 900.0, 990.0)),
}
OPERATING_LINES = {"cement_clinker": "熟料生产线", "silicomanganese": "锰硅合金矿热炉"}
# (name, status, product, design unit consumption, design tce/a, design tCO2/a, capacity 万吨/年, operating unit serial)
PROJECTS = [
    ("示例项目：4500 t/d 水泥熟料生产线（合成数据）", "planned", "cement_clinker", 98.0, 160_000, 900_000, 140, None),
    ("示例项目：电解铝节能改造（合成数据）", "under_construction", "aluminium", 13_200.0, 420_000, 1_900_000, 20, None),
    ("示例项目：硅铁矿热炉升级（合成数据）", "planned", "ferrosilicon", 1_800.0, 120_000, 400_000, 8, None),
    ("示例项目：锰硅合金矿热炉（合成数据）", "under_construction", "silicomanganese", 950.0, 95_000, 260_000, 10, None),
    ("示例项目：炼油装置节能改造（合成数据）", "planned", "refining", 8.0, 600_000, 1_500_000, 1_000, None),
]
SYNTHETIC_NOTE = "合成数据"


def _account() -> plans_demo.DemoAccount:
    """Reuse the plans demo's account storage for one more account (a viewer whose unit limits it)."""
    saved = plans_demo.DEMO_ACCOUNTS
    plans_demo.DEMO_ACCOUNTS = [(USERNAME, Profile.Role.VIEWER, None)]
    try:
        (account,) = plans_demo.ensure_demo_accounts()
    finally:
        plans_demo.DEMO_ACCOUNTS = saved
    return account


def _units() -> list[Enterprise]:
    made = synthetic_units(UNITS, province=PROVINCE)
    existing = set(
        Enterprise.objects.filter(credit_code__in=[u.credit_code for u in made]).values_list("credit_code", flat=True)
    )
    new = [
        Enterprise(
            credit_code=u.credit_code,
            name=u.name,
            industry=u.industry,
            region_id=u.region,
            address=f"吉林省（合成地址）{u.serial}号",
            contact="示例联系人（合成数据）",
            data_centre=u.data_centre,
            synthetic=True,
        )
        for u in made
        if u.credit_code not in existing
    ]
    if new:
        bulk_create_with_history(new, Enterprise, batch_size=1000)
    by_code = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=[u.credit_code for u in made])}
    return [by_code[u.credit_code] for u in made]


def _submissions(units: list[Enterprise]) -> int:
    if Submission.objects.of_units([u.pk for u in units], [YEAR]).exists():
        return 0
    made = synthetic_units(UNITS, province=PROVINCE)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-submissions.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["credit_code", "year", "month", "fuel", "quantity", "unit"])
            writer.writerows(submission_rows(made, YEAR))
        report = import_submissions(path, name="demo-submissions.csv")
    if not report.stored:
        raise RuntimeError(f"the demo submissions did not import: {report.to_dict(limit=5)}")
    return report.accepted


def _bands_and_outputs(units: list[Enterprise]) -> None:
    """Registered bands (the growth units registered below the line, as last year's size) and output."""
    annual = energy_of([u.pk for u in units], [YEAR]).annual().set_index("unit")
    serial = {u.pk: n for n, u in enumerate(units, start=1)}
    changed = []
    for u in units:
        if u.pk not in annual.index or u.band:
            continue
        total = float(annual.loc[u.pk, "tce_equivalent"])
        # the units that grow through the year were registered below the key-unit line
        u.band = "5000-10000" if serial[u.pk] % 29 == 0 else band_of(total)
        changed.append(u)
    Enterprise.objects.bulk_update(changed, ["band"])
    if Output.objects.filter(enterprise__in=units, year=YEAR).exists():
        return
    monthly = energy_of([u.pk for u in units if u.industry in OUTPUT_PRODUCTS], [YEAR]).frame
    outputs = []
    for row in monthly.itertuples(index=False):
        unit = next(u for u in units if u.pk == row.unit)
        product, levels = OUTPUT_PRODUCTS[unit.industry]
        kgce_per_t = levels[serial[unit.pk] % 3]
        outputs.append(
            Output(
                enterprise=unit,
                year=YEAR,
                month=int(row.month),
                product=product,
                quantity=round(row.tce_equivalent * 1000 / kgce_per_t, 1),
                unit="t",
            )
        )
    Output.objects.bulk_create(outputs)


def _projects(units: list[Enterprise]) -> int:
    made = 0
    for name, status, product, unit_use, tce, co2, capacity, _ in PROJECTS:
        _, created = Project.objects.get_or_create(
            name=name,
            defaults={
                "region_id": "220100",
                "industry": {
                    "cement_clinker": "3011",
                    "aluminium": "3216",
                    "silicomanganese": "3140",
                    "ferrosilicon": "3140",
                    "refining": "2511",
                }[product],
                "product": product,
                "capacity": capacity,
                "capacity_unit": "万吨/年",
                "design_energy_tce": tce,
                "design_co2_t": co2,
                "design_unit_consumption": unit_use,
                "status": status,
                "start_year": 2026,
                "approvals": "节能审查：示例〔2025〕号（合成数据）",
                "synthetic": True,
            },
        )
        made += created
    # operating projects: the cement and ferroalloy units with output, measured from their submissions
    operating = [u for u in units if u.industry in OUTPUT_PRODUCTS][:6]
    for u in operating:
        product = OUTPUT_PRODUCTS[u.industry][0]
        _, created = Project.objects.get_or_create(
            name=f"{u.name}：{OPERATING_LINES[product]}（存量）",
            defaults={
                "enterprise": u,
                "region_id": u.region_id,
                "industry": u.industry,
                "product": product,
                "design_energy_tce": None,  # an existing line: monitored from its submissions
                "status": Project.Status.OPERATING,
                "start_year": 2015,
                "approvals": "存量项目（合成数据）",
                "synthetic": True,
            },
        )
        made += created
    return made


def _caps() -> None:
    RegionCap.objects.get_or_create(
        region_id=PROVINCE,
        year=2026,
        defaults={
            "energy_cap_tce": 82_000_000,
            "energy_used_tce": 80_500_000,
            "carbon_cap_t": 210_000_000,
            "carbon_used_t": 204_000_000,
            "note": "示例额度（合成数据，非吉林省实际额度）",
        },
    )
    RegionCap.objects.get_or_create(
        region_id="220100",
        year=2026,
        defaults={
            "energy_cap_tce": 21_000_000,
            "energy_used_tce": 20_300_000,
            "carbon_cap_t": 52_000_000,
            "carbon_used_t": 50_500_000,
            "note": "示例额度（合成数据，非长春市实际额度）",
        },
    )


def _meter_key(unit: Enterprise) -> str:
    """A metering key for the demo unit, kept with the demo passwords (only its hash is in the database)."""
    import json

    store = config.home() / "demo_meter_keys.json"
    saved = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
    token = saved.get(unit.credit_code)
    if token is None or not MeterToken.objects.filter(digest=MeterToken.hash(token)).exists():
        _, token = MeterToken.issue(unit, "演示在线监测系统")
        saved[unit.credit_code] = token
        store.write_text(json.dumps(saved, indent=1), encoding="utf-8")
        store.chmod(0o600)
    return token


def load_demo() -> list[str]:
    with transaction.atomic():
        units = _units()
        stored = _submissions(units)
        _bands_and_outputs(units)
        projects = _projects(units)
        _caps()
        account = _account()
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=USERNAME)
        EnterpriseAccount.objects.update_or_create(user=user, defaults={"enterprise": units[0]})
        key = _meter_key(units[0])
    code = units[0].credit_code
    return [
        f"enterprises demo: {len(units)} synthetic units in Jilin ({SYNTHETIC_NOTE}), "
        f"{stored} new submission rows for {YEAR}, {projects} new two-high projects: /enterprises/",
        f"  enterprise {account.username:16} password {account.password}  unit {code} ({units[0].name})",
        f"  metering key of {code}: {key}  (POST /api/enterprises/units/{code}/readings)",
    ]
