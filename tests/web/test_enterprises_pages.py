"""The pages show flags and screening classes; the export carries the classes; the demo loads once."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from test_inventory_support import store_tidy

from tanda.enterprises import make_credit_code
from tanda.web.enterprises.models import Enterprise, Output, Project, RegionCap, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(regions):
    unit = Enterprise.objects.create(
        credit_code=make_credit_code("220100", 90_000_401),
        name="水泥厂（合成数据）",
        industry="3011",
        region_id="220100",
        band="5000-10000",
        synthetic=True,
    )
    # 1,000 t raw coal a month (714.3 tce), but none in June and three times as much in September
    for month in range(1, 13):
        if month == 6:
            continue
        quantity = 3000.0 if month == 9 else 1000.0
        Submission.objects.create(
            enterprise=unit, year=2024, month=month, fuel="raw_coal", quantity=quantity, unit="t", canonical=quantity
        )
        Output.objects.create(
            enterprise=unit, year=2024, month=month, product="cement_clinker", quantity=8000.0, unit="t"
        )
    planned = Project.objects.create(
        name="拟建熟料线（合成数据）",
        region_id="220100",
        industry="3011",
        product="cement_clinker",
        design_energy_tce=100_000,
        design_co2_t=500_000,
        design_unit_consumption=118,
        status="planned",
    )
    operating = Project.objects.create(
        name="存量熟料线（合成数据）",
        enterprise=unit,
        region_id="220100",
        industry="3011",
        product="cement_clinker",
        status="operating",  # an existing line: no design figure, monitored from its submissions
    )
    RegionCap.objects.create(region_id="220100", year=2026, energy_cap_tce=1_000_000, energy_used_tce=600_000)
    return unit, planned, operating


def test_the_list_and_the_unit_show_their_flags(client, viewer, data):
    unit = data[0]
    client.force_login(viewer)
    page = client.get(reverse("enterprises:index") + "?year=2024").content.decode()
    assert "缺报月份" in page and "环比突变" in page and "合成数据" in page
    detail = client.get(unit.get_absolute_url() + "?year=2024").content.decode()
    assert "no submission for month(s) 6" in detail
    assert "+200%" in detail  # August → September
    # 11 months × 714.3 + 2 × 714.3 extra = 9,285.9 tce: above the registered band but below the line
    assert "9,286" in detail and "超过1万吨标准煤" not in detail
    jump_free = client.get(reverse("enterprises:index") + "?year=2024&jump=250&flag=jump").content.decode()
    assert unit.credit_code not in jump_free


def test_projects_by_class_with_deadline_and_budget(client, viewer, data):
    _, planned, _ = data
    client.force_login(viewer)
    below = client.get(reverse("enterprises:projects") + "?class=below_baseline").content.decode()
    assert "拟建熟料线" in below and "2025-12-31" in below  # 118 > 117 kgce/t
    between = client.get(reverse("enterprises:projects") + "?class=between").content.decode()
    assert "存量熟料线" in between  # measured: 9,285.9 tce × 1000 / 88,000 t = 105.5 kgce/t
    assert "105.5" in between
    detail = client.get(reverse("enterprises:project", args=[planned.pk])).content.decode()
    assert "25.0%" in detail  # 100,000 tce of the 400,000 left under Changchun's cap


def test_the_projects_api_gives_the_pages_classes_levels_and_shares(client, viewer, data):
    _, planned, operating = data
    assert client.get("/api/enterprises/projects").status_code == 401
    client.force_login(viewer)
    listed = {p["name"]: p for p in client.get("/api/enterprises/projects").json()}
    assert set(listed) == {planned.name, operating.name}

    design = listed[planned.name]
    assert design["screening_class"] == "below_baseline"
    assert design["screenings"] == [
        {
            "basis": "design",
            "value": 118.0,
            "unit": "kgce/t",
            "screening_class": "below_baseline",
            "deadline": "2025-12-31",
        }
    ]
    assert (design["level"]["origin"], design["level"]["benchmark"], design["level"]["baseline"]) == (
        "packaged",
        100.0,
        117.0,
    )
    assert design["energy_share"]["remaining"] == 400_000 and design["energy_share"]["share"] == 0.25
    assert design["carbon_share"] is None  # Changchun has no carbon cap here

    measured = listed[operating.name]
    assert measured["screening_class"] == "between" and measured["design_energy_tce"] is None
    [screening] = measured["screenings"]
    assert screening["basis"] == "measured" and round(screening["value"], 1) == 105.5
    assert measured["energy_share"] is None

    def names(query: str) -> list[str]:
        return [p["name"] for p in client.get("/api/enterprises/projects" + query).json()]

    assert names("?screening_class=between") == [operating.name]
    assert sorted(names("?region=220000")) == sorted([planned.name, operating.name])  # the province holds Changchun
    assert names("?region=220581") == [] and names("?status=planned") == [planned.name]
    assert client.get("/api/enterprises/projects?screening_class=worst").status_code == 422
    assert client.get(f"/api/enterprises/projects/{planned.pk}").json()["screening_class"] == "below_baseline"


def test_a_new_project_needs_its_design_energy_and_an_existing_line_does_not(client, make_user, data):
    client.force_login(make_user("changchun-office", "office", "220100"))
    form = {
        "name": "拟建电解铝（合成数据）",
        "region": "220100",
        "industry": "3216",
        "product": "aluminium",
        "capacity_unit": "万吨/年",
        "status": "planned",
    }
    refused = client.post(reverse("enterprises:project_add"), form)
    assert refused.status_code == 200
    assert "拟建、在建项目须填写设计年综合能耗" in refused.content.decode()
    assert not Project.objects.filter(name=form["name"]).exists()

    saved = client.post(reverse("enterprises:project_add"), {**form, "status": "operating"})
    project = Project.objects.get(name=form["name"])
    assert saved["Location"] == project.get_absolute_url() and project.design_energy_tce is None
    page = client.get(reverse("enterprises:projects")).content.decode()
    row = page.split(form["name"])[-1].split("</tr>")[0]  # its row of the table (after the saved message)
    assert '<td class="num">—</td>' in row  # no design figure shown as 0
    assert "%" not in row  # and no share of the region's allowance


def test_the_rollup_checks_units_against_the_years_stored_balances(client, viewer, data):
    client.force_login(viewer)
    page = client.get(reverse("enterprises:rollup") + "?year=2024").content.decode()
    assert "本年份尚无已核算的地区能源平衡表" in page

    # the units of Changchun report 13,000 t of raw coal in 2024 (11 months of 1,000 t, September 3,000 t)
    (province,) = store_tidy([("吉林省", 2024, "工业", "原煤", 100, "万吨")], region="220000")
    (city,) = store_tidy([("长春市", 2024, "工业", "原煤", 1, "万吨")], region="220100")
    page = client.get(reverse("enterprises:rollup") + "?year=2024").content.decode()
    rows = page.split('id="balance"')[1].split("</table>")[0].split("<tr")[2:]
    assert len(rows) == 2
    jilin, changchun = sorted(rows, key=lambda row: "长春市" in row)
    assert "吉林省（220000）" in jilin and "13,000 t" in jilin and "1,000,000 t" in jilin and "1.3%" in jilin
    assert "一致" in jilin and province.get_absolute_url() in jilin
    assert "长春市（220100）" in changchun and "10,000 t" in changchun and "130.0%" in changchun
    assert "flagged" in changchun and "单位上报量超过平衡表" in changchun and city.get_absolute_url() in changchun

    only_city = client.get(reverse("enterprises:rollup") + "?year=2024&region=220100").content.decode()
    assert "单位上报量超过平衡表" in only_city and "吉林省（220000）" not in only_city.split('id="balance"')[1]


def test_export_has_the_classes(client, viewer, data):
    client.force_login(viewer)
    response = client.get(reverse("enterprises:projects_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in sheet[1]]
    klass = header.index("能效分类")
    assert rows["拟建熟料线（合成数据）"][klass].startswith("低于基准水平")
    assert rows["拟建熟料线（合成数据）"][header.index("改造或退出期限")] == "2025-12-31"


def test_levels_page_cites_the_documents(client, viewer, regions):
    client.force_login(viewer)
    page = client.get(reverse("enterprises:levels")).content.decode()
    assert "发改产业〔2021〕1609号" in page and "发改产业〔2023〕723号" in page
    assert "confirmed (P2)" in page and "unconfirmed" not in page  # each row shows its source; none unchecked
