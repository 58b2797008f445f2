"""In headless Chromium: a department user sees the unread badge (loaded by htmx), reports progress with
a file, and the board shows it. Uses Debian's /usr/bin/chromium; a screenshot goes to /tmp."""

from __future__ import annotations

from datetime import date

import pytest
from browser_support import sign_in
from dispatch_samples import make_world
from playwright.sync_api import expect

from tanda.reports import parse_period
from tanda.web.core.models import Region
from tanda.web.dispatch.models import ProgressReport, TaskSchedule
from tanda.web.dispatch.notify import scan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_department_user_reports_progress_in_the_browser(
    live_server, make_plan, make_user, password, settings, tmp_path, open_page
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world(make_plan, make_user)
    TaskSchedule.objects.create(task=world.renewables, deadline=date(2024, 11, 30))
    scan(
        Region.objects.get(code="220000"), parse_period("2024Q4"), today=date(2025, 1, 15), grade_service=lambda *a: []
    )
    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 demo")
    page = open_page()
    sign_in(page, live_server.url, world.energy_user.username, password)
    page.goto(f"{live_server.url}/dispatch/?period=2024Q4")
    expect(page.locator(".mainnav .dispatch-badge.count")).to_have_text("2")  # overdue + not updated
    page.locator(f"#task-{world.renewables.pk} a.button").click()
    page.select_option("#id_status", "behind")
    page.fill("#id_percent", "45")
    page.fill("#id_narrative", "风电项目并网推迟至明年一季度。")
    page.set_input_files("#id_files", str(evidence))
    page.click("main form button[type=submit].primary")
    expect(page.locator(".messages")).to_contain_text("2024Q4")
    page.goto(f"{live_server.url}/dispatch/?period=2024Q4")
    row = page.locator(f"#task-{world.renewables.pk}")
    expect(row).to_contain_text("进度滞后")
    expect(row).to_contain_text("45%")
    expect(row.locator(".badge.overdue")).to_be_visible()
    page.screenshot(path="/tmp/tanda-browser-dispatch-board.png", full_page=True)
    report = ProgressReport.objects.get(task=world.renewables)
    assert (report.status, report.percent, report.evidence.get().name) == ("behind", 45, "验收报告.pdf")
