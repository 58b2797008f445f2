"""The task board: overdue and not-updated flags, filters, deadlines."""

from __future__ import annotations

from datetime import date

import pytest
from dispatch_samples import make_world
from django.urls import reverse

from tanda.reports import parse_period
from tanda.web.core.models import Region
from tanda.web.dispatch.board import task_rows
from tanda.web.dispatch.models import ProgressReport, TaskSchedule
from tanda.web.dispatch.services import overdue_task_count

pytestmark = pytest.mark.django_db
Q4 = parse_period("2024Q4")
AFTER_Q4 = date(2025, 1, 15)


@pytest.fixture
def world(make_plan, make_user):
    return make_world(make_plan, make_user)


def report(task, department, period="2024Q4", status="on_track", percent=50):
    return ProgressReport.objects.create(
        task=task, department=department, period=period, status=status, percent=percent, narrative="进展。"
    )


def rows_by_title(world, period=Q4, today=AFTER_Q4):
    return {r.task.title: r for r in task_rows(Region.objects.get(code="220000"), period, today)}


def test_overdue_needs_a_past_deadline_and_no_completion(world):
    TaskSchedule.objects.create(task=world.renewables, deadline=date(2024, 11, 30))
    TaskSchedule.objects.create(task=world.coal, deadline=date(2024, 11, 30))
    TaskSchedule.objects.create(task=world.statistics, deadline=date(2025, 6, 30))
    report(world.renewables, world.energy, status="behind", percent=40)
    report(world.coal, world.development, status="completed", percent=100)
    rows = rows_by_title(world)
    assert rows["大力发展新能源"].overdue
    assert not rows["推进煤炭消费替代和转型升级"].overdue  # completed
    assert not rows["完善统计核算"].overdue  # deadline still ahead
    # judged as of the period: on 2024-11-15 the 11-30 deadline had not passed yet
    assert not rows_by_title(world, today=date(2024, 11, 15))["大力发展新能源"].overdue


def test_a_completion_reported_in_an_earlier_period_still_counts(world):
    TaskSchedule.objects.create(task=world.renewables, deadline=date(2024, 9, 30))
    report(world.renewables, world.energy, period="2024Q3", status="completed", percent=100)
    row = rows_by_title(world)["大力发展新能源"]
    assert not row.overdue
    assert row.not_updated  # nothing reported for Q4 itself
    assert row.latest.period == "2024Q3"


def test_not_updated_means_no_report_for_the_period(world):
    report(world.renewables, world.energy, period="2024Q3")
    report(world.coal, world.energy, period="2024Q4")  # a cooperating department's report counts
    report(world.coal, world.development, period="2024Q4", status="behind")
    rows = rows_by_title(world)
    assert rows["大力发展新能源"].not_updated
    assert not rows["推进煤炭消费替代和转型升级"].not_updated
    assert rows["推进煤炭消费替代和转型升级"].current.department == world.development  # the lead speaks first
    assert rows["完善统计核算"].not_updated
    assert not rows_by_title(world, period=parse_period("2024Q3"))["大力发展新能源"].not_updated


def test_board_shows_flags_counts_and_filters(client, world):
    TaskSchedule.objects.create(task=world.renewables, deadline=date(2024, 11, 30))
    report(world.coal, world.development)
    client.force_login(world.office)
    page = client.get(reverse("dispatch:board") + "?region=220000&period=2024Q4")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="badge overdue"') == 1 and html.count('class="badge stale"') == 2
    assert "市能源局" in html and "市统计局" in html  # grouped by lead department
    overdue = client.get(reverse("dispatch:board") + "?region=220000&period=2024Q4&flag=overdue").content.decode()
    assert "大力发展新能源" in overdue and "完善统计核算" not in overdue
    stale = client.get(reverse("dispatch:board") + "?region=220000&period=2024Q4&flag=not_updated").content.decode()
    assert "完善统计核算" in stale and "推进煤炭消费替代和转型升级" not in stale


def test_department_user_sees_its_own_tasks_first_with_report_links(client, world):
    client.force_login(world.energy_user)
    html = client.get(reverse("dispatch:board") + "?period=2024Q4").content.decode()
    assert "大力发展新能源" in html and "推进煤炭消费替代和转型升级" in html
    assert "完善统计核算" not in html  # the default filter is "my department's tasks"
    assert reverse("dispatch:report_task", args=[world.renewables.pk]) in html
    everything = client.get(reverse("dispatch:board") + "?period=2024Q4&flag=").content.decode()
    assert "完善统计核算" in everything
    assert reverse("dispatch:report_task", args=[world.statistics.pk]) not in everything


def test_board_needs_an_account_and_survives_a_bad_period(client, world):
    assert client.get(reverse("dispatch:board")).status_code == 302
    client.force_login(world.viewer)
    response = client.get(reverse("dispatch:board") + "?region=220000&period=2024Q9")
    assert response.status_code == 200
    assert "2024Q9" in response.content.decode()  # the error message names it


def test_office_sets_deadlines_department_users_cannot(client, world):
    url = reverse("dispatch:deadline", args=[world.statistics.pk])
    client.force_login(world.energy_user)
    assert client.post(url, {"deadline": "2024-12-31"}).status_code == 403
    client.force_login(world.office)
    assert client.post(url, {"deadline": "2024-12-31"}).status_code == 302
    assert TaskSchedule.objects.get(task=world.statistics).deadline == date(2024, 12, 31)
    assert overdue_task_count("220000") == 1  # as of today, never reported
    assert overdue_task_count("220581") == 0


def test_api_board_reports_and_notifications(client, world):
    TaskSchedule.objects.create(task=world.renewables, deadline=date(2024, 11, 30))
    report(world.coal, world.development, status="behind", percent=35)
    url = "/api/dispatch/board?region=220000&period=2024Q4"
    assert client.get(url).status_code == 401
    client.force_login(world.viewer)
    data = client.get(url).json()
    assert (data["period"], data["as_of"]) == ("2024Q4", "2025-01-01")
    tasks = {t["title"]: t for t in data["tasks"]}
    assert (tasks["大力发展新能源"]["overdue"], tasks["大力发展新能源"]["not_updated"]) == (True, True)
    coal = tasks["推进煤炭消费替代和转型升级"]
    assert (coal["status"], coal["percent"], coal["lead"]) == ("behind", 35, "市发展改革委")
    assert client.get("/api/dispatch/board?region=220000&period=2024Q7").status_code == 422
    assert client.get("/api/dispatch/reports").json() == []
    assert client.get("/api/dispatch/notifications").json() == []


def test_board_and_menu_in_english(client, world):
    client.force_login(world.energy_user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("dispatch:board") + "?period=2024Q4").content.decode()
    assert "Task board" in html and "My department's tasks" in html
    assert ">Dispatch<span" in html  # the menu entry, with its badge placeholder
    assert "Department user" in html  # the core role's label, translated by this app's catalogue


def test_every_string_of_the_dispatch_catalogue_is_translated_and_compiled():
    import gettext
    import re
    from pathlib import Path

    import tanda.web.dispatch

    folder = Path(tanda.web.dispatch.__file__).parent / "locale" / "en" / "LC_MESSAGES"
    text = (folder / "django.po").read_text(encoding="utf-8")
    entries = re.findall(r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?msgstr(?:\[0\])? ((?:".*"\n)+)', text, re.M)
    joined = [("".join(re.findall(r'"(.*)"', i)), "".join(re.findall(r'"(.*)"', s))) for i, s in entries]
    untranslated = [i for i, s in joined[1:] if not s]  # [0] is the header
    assert len(joined) > 120 and untranslated == []
    with (folder / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    assert catalogue.gettext("任务看板") == "Task board"
    assert catalogue.gettext("部门用户") == "Department user"
