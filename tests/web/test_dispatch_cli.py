"""`tanda report dispatch` and `tanda report notify`, and the dispatch demo."""

from __future__ import annotations

import io
import json

import pytest
from dispatch_samples import add_task, make_world
from django.contrib.auth import get_user_model
from docx import Document
from openpyxl import load_workbook

from tanda.cli import main
from tanda.web.core.models import Profile
from tanda.web.dispatch import demo
from tanda.web.dispatch.models import DispatchReport, ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_plan, make_user, monkeypatch):
    monkeypatch.setattr("tanda.web.bootstrap.setup", lambda **kw: None)  # the test database is ready
    return make_world(make_plan, make_user)


def test_cli_writes_both_files_and_stores_the_report(world, tmp_path, capsys):
    assert (
        main(["report", "dispatch", "--region", "220000", "--period", "2024Q4", "--output", str(tmp_path / "q4")]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["serial"] == "〔2024〕第1期" and out["tasks"] == 3
    docx, xlsx = tmp_path / "q4.docx", tmp_path / "q4.xlsx"
    assert out["files"] == {"docx": str(docx), "xlsx": str(xlsx)}
    doc = Document(io.BytesIO(docx.read_bytes()))
    assert len(doc.tables[1].rows) == 1 + 3
    assert load_workbook(xlsx).sheetnames == ["概况", "目标", "任务"]
    assert DispatchReport.objects.get().pk == out["id"]


def test_cli_writes_one_format_to_a_path_and_reexports_a_stored_report(world, tmp_path, capsys):
    target = tmp_path / "out" / "通报.docx"
    assert main(["report", "dispatch", "--region", "220000", "--period", "2024Q4", "--format", "docx",
                 "--output", str(target)]) == 0  # fmt: skip
    report_id = json.loads(capsys.readouterr().out)["id"]
    assert target.read_bytes()[:2] == b"PK" and not (tmp_path / "out" / "通报.xlsx").exists()
    again = tmp_path / "again.docx"
    assert main(["report", "dispatch", "--report", str(report_id), "--format", "docx", "--output", str(again)]) == 0
    assert again.read_bytes() == target.read_bytes()
    assert DispatchReport.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "999999", "--period", "2024Q4"], "--region 999999: no such region code"),
        (["--region", "220000", "--period", "2024Q5"], "--period '2024Q5': expected YYYY, YYYYQn"),
        (["--region", "220000", "--period", "Q4-2024"], "expected YYYY, YYYYQn (n = 1–4) or YYYY-MM"),
        (["--region", "220000"], "--period is required"),
        (["--region", "110000", "--period", "2024"], "北京市 has no plan to dispatch"),
        (["--region", "220000", "--period", "2024", "--plan", "0"], "--plan 0: not a plan of 吉林省"),
        (["--report", "424242"], "--report 424242: no such dispatch report"),
    ],
)
def test_cli_refuses_bad_input_with_a_clear_message(world, tmp_path, capsys, args, message):
    assert main(["report", "dispatch", *args, "--output", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tanda: error: ") and message in err
    assert not DispatchReport.objects.exists() and not list(tmp_path.iterdir())


def test_cli_notify_creates_notifications(world, capsys):
    assert main(["report", "notify", "--region", "220000", "--period", "2024Q4"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["created"] >= 3 and out["period"] == "2024Q4"
    assert main(["report", "notify", "--region", "220000", "--period", "2024-00"]) == 2


def test_demo_makes_a_department_account_reports_and_one_dispatch_report(make_plan, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("TANDA_HOME", str(tmp_path))  # demo_accounts.json goes here
    plan = make_plan("220000")
    plan.source_name = demo.PLAN_SEED
    plan.save()
    for title in ("大力发展新能源", "严格控制煤炭消费", "合理引导油气消费", "加快建设新型电力系统"):
        add_task(plan, title, ["省能源局", "省发展改革委"])
    lines = demo.load_demo()
    user = get_user_model().objects.get(username=demo.USERNAME)
    assert (user.profile.role, user.profile.department.name, user.profile.region_id) == (
        Profile.Role.DEPARTMENT, "省能源局", "220000")  # fmt: skip
    saved = json.loads((tmp_path / "demo_accounts.json").read_text(encoding="utf-8"))
    assert user.check_password(saved[demo.USERNAME])
    assert any(f"password {saved[demo.USERNAME]}" in line for line in lines)
    reports = ProgressReport.objects.filter(department__name="省能源局", period="2024Q4")
    assert reports.count() == 3 and all(r.narrative.startswith("【演示数据】") for r in reports)
    report = DispatchReport.objects.get()
    assert (report.region_id, report.period) == ("220000", "2024Q4")
    assert report.snapshot["summary"]["overdue"] == 1  # 严格控制煤炭消费: due 2024-11-30, 40 %
    demo.load_demo()  # idempotent
    assert (ProgressReport.objects.count(), DispatchReport.objects.count()) == (3, 1)
    assert get_user_model().objects.filter(username=demo.USERNAME).count() == 1
