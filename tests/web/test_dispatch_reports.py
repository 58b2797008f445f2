"""Dispatch reports: a frozen snapshot, the Word and Excel files, issue numbers, who may make one."""

from __future__ import annotations

import io
from datetime import date

import pytest
from dispatch_samples import make_world
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tanda.reports import parse_period
from tanda.web.core.models import Region
from tanda.web.dispatch.grades import coerce
from tanda.web.dispatch.models import DispatchReport, ProgressReport, TaskSchedule
from tanda.web.dispatch.snapshot import issue_report

pytestmark = pytest.mark.django_db
Q4 = parse_period("2024Q4")


class ServiceGrade:
    """Shaped like the indicators app's `services.TargetGrade`: attributes plus the assessment as `data`."""

    def __init__(self, target_id: int, grade: str | None, data: dict | None, state: str = "graded"):
        self.target_id, self.grade, self.data, self.state = target_id, grade, data, state
        self.message = data["reason"] if data else "no observation after 2020"

    @property
    def progress(self):
        return self.data.get("progress") if self.data else None


@pytest.fixture
def world(make_plan, make_user):
    w = make_world(make_plan, make_user)
    TaskSchedule.objects.create(task=w.renewables, deadline=date(2024, 11, 30))
    ProgressReport.objects.create(
        task=w.coal, department=w.development, period="2024Q4", status="behind", percent=35, narrative="煤炭替代滞后。"
    )
    return w


def service_for(world):
    first, second = world.plan.targets.order_by("order")[:2]
    data = {
        "grade": "red",
        "reason": "moved the wrong way year on year",
        "progress": 25.0,  # in %, as tanda.indicators states it
        "required_progress": 60.0,
        "actual_pace": -0.8,
        "required_pace": -2.86,
        "pace_unit": "%/year",
        "latest": {"year": 2023, "value": 0.55},
        "forecast": {"year": 2025, "value": 0.54, "lower": 0.5, "upper": 0.58},
        "p_meet": 0.08,
    }
    return lambda region, year: [ServiceGrade(first.pk, "red", data), ServiceGrade(second.pk, None, None, "no_data")]


def issue(world, **kw):
    return issue_report(
        Region.objects.get(code="220000"), Q4, today=date(2025, 1, 10), grade_service=service_for(world), **kw
    )


def test_service_grades_are_read_from_attributes_and_the_assessment():
    grade = coerce(
        ServiceGrade(
            7,
            "yellow",
            {
                "reason": "slow",
                "latest": {"year": 2023, "value": 1.5},
                "forecast": {"value": 2.0},
                "pace_unit": "unit/year",
                "p_meet": 0.4,
                "progress": 42.0,
            },
        )
    )
    assert grade.progress == pytest.approx(0.42)
    assert (grade.target_id, grade.grade, grade.latest_year, grade.latest_value) == (7, "yellow", 2023, 1.5)
    assert (grade.forecast, grade.pace_unit, grade.p_meet, grade.reason) == (2.0, "unit/year", 0.4, "slow")
    assert coerce({"target_id": 3, "state": "no_data"}).grade is None
    assert coerce({"grade": "red"}) is None


def test_snapshot_holds_every_target_and_task_with_grades_and_progress(world):
    report = issue(world, plan_ids=[world.plan.pk])
    s = report.snapshot
    assert (report.serial, s["serial"], s["issuer"]) == (1, "〔2024〕第1期", "吉林省碳达峰碳中和工作领导小组办公室")
    assert [t["title"] for t in s["tasks"]] == ["推进煤炭消费替代和转型升级", "大力发展新能源", "完善统计核算"]
    coal, renewables, statistics = s["tasks"]
    assert (coal["status"], coal["percent"], coal["lead"], coal["not_updated"]) == ("behind", 35, "市发展改革委", False)
    assert (renewables["overdue"], renewables["not_updated"], renewables["deadline"]) == (True, True, "2024-11-30")
    assert (statistics["status"], statistics["status_label"], statistics["overdue"]) == (None, "", False)
    assert len(s["targets"]) == world.plan.targets.count() == 2
    first = s["targets"][0]
    assert (first["grade"], first["latest_value"], first["p_meet"], first["progress"]) == ("red", 0.55, 0.08, 0.25)
    assert s["targets"][1]["grade"] is None and s["targets"][1]["state"] == "no_data"
    assert s["summary"]["grades"] == {"red": 1, "yellow": 0, "green": 0, "ungraded": 1}


def test_a_report_stays_as_it_was_sent_when_tasks_change(world):
    report = issue(world)
    frozen, docx = report.snapshot, bytes(report.docx)
    world.coal.title = "改名后的任务"
    world.coal.save()
    ProgressReport.objects.filter(task=world.coal).update(status="completed", percent=100)
    TaskSchedule.objects.filter(task=world.renewables).update(deadline=date(2026, 1, 1))
    stored = DispatchReport.objects.get(pk=report.pk)
    assert stored.snapshot == frozen
    assert bytes(stored.docx) == docx
    assert stored.snapshot["tasks"][0]["title"] == "推进煤炭消费替代和转型升级"
    assert stored.snapshot["tasks"][0]["status"] == "behind"
    again = issue(world)  # a new report sees the change, and is the next issue of the year
    assert again.serial == 2 and again.snapshot["tasks"][0]["title"] == "改名后的任务"
    assert again.snapshot["summary"]["overdue"] == 0


def test_downloaded_docx_has_headings_tables_and_charts(client, world):
    report = issue(world, plan_ids=[world.plan.pk])
    client.force_login(world.viewer)
    response = client.get(reverse("dispatch:report_download", args=[report.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dispatch-220000-2024Q4-1.docx"'
    doc = Document(io.BytesIO(response.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["一、总体情况", "二、主要目标完成情况", "三、重点任务推进情况"]
    targets, tasks = doc.tables[0], doc.tables[1]
    assert len(targets.rows) == 1 + 2 and targets.rows[1].cells[6].text == "红色（一级预警）"
    assert [r.cells[1].text for r in tasks.rows[1:]] == ["推进煤炭消费替代和转型升级", "大力发展新能源", "完善统计核算"]
    assert tasks.rows[2].cells[7].text == "逾期、未更新"
    assert len(doc.inline_shapes) >= 2


def test_downloaded_xlsx_has_a_row_per_target_and_task(client, world):
    report = issue(world)
    client.force_login(world.viewer)
    wb = load_workbook(io.BytesIO(client.get(reverse("dispatch:report_download", args=[report.pk, "xlsx"])).content))
    assert wb.sheetnames == ["概况", "目标", "任务"]
    assert wb["目标"].max_row == 1 + 2 and wb["任务"].max_row == 1 + 3
    assert wb["任务"]["B3"].value == "大力发展新能源"
    assert client.get(reverse("dispatch:report_download", args=[report.pk, "pdf"])).status_code == 404


def test_office_creates_a_report_on_the_page_others_cannot(client, world):
    url = reverse("dispatch:report_create") + "?region=220000"
    for user in (world.energy_user, world.viewer, world.other_office):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(world.office)
    assert client.get(url).status_code == 200
    response = client.post(url, {"region": "220000", "period": "2024Q4", "plans": [str(world.plan.pk)]})
    report = DispatchReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.created_by == world.office and report.plans == [world.plan.pk]
    page = client.get(report.get_absolute_url()).content.decode()
    assert "〔2024〕第1期" in page and "大力发展新能源" in page
    assert report.title in client.get(reverse("dispatch:reports")).content.decode()
    bad = client.post(url, {"region": "220000", "period": "2024-13", "plans": [str(world.plan.pk)]})
    assert bad.status_code == 200 and "2024-13" in bad.content.decode()
    assert DispatchReport.objects.count() == 1
