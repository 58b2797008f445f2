"""Reporting task progress: who may report on which task, what is stored, evidence files."""

from __future__ import annotations

import pytest
from dispatch_samples import make_world, report_post
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tanda.web.core.models import Profile
from tanda.web.core.permissions import can_report_task
from tanda.web.dispatch.models import Evidence, ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_plan, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world(make_plan, make_user)


def url(task) -> str:
    return reverse("dispatch:report_task", args=[task.pk])


def test_department_user_reports_on_its_lead_task_with_evidence(client, world):
    client.force_login(world.energy_user)
    assert client.get(url(world.renewables) + "?period=2024Q4").status_code == 200
    files = [
        SimpleUploadedFile("并网验收报告.pdf", b"%PDF-1.4 demo", content_type="application/pdf"),
        SimpleUploadedFile("现场照片.jpg", b"\xff\xd8\xff demo", content_type="image/jpeg"),
    ]
    response = client.post(url(world.renewables), {**report_post(), "files": files})
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=world.renewables)
    assert (report.department, report.period, report.status, report.percent) == (world.energy, "2024Q4", "on_track", 60)
    assert str(report.period_end) == "2024-12-31"
    assert report.created_by == world.energy_user
    assert sorted(e.name for e in report.evidence.all()) == ["并网验收报告.pdf", "现场照片.jpg"]
    pdf = report.evidence.get(name="并网验收报告.pdf")
    download = client.get(pdf.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 demo"
    assert "attachment" in download["Content-Disposition"]


def test_a_second_report_for_the_same_period_updates_it_and_keeps_history(client, world):
    client.force_login(world.energy_user)
    client.post(url(world.renewables), report_post())
    client.post(url(world.renewables), report_post(status="completed", percent="100", narrative="已全部完成。"))
    report = ProgressReport.objects.get(task=world.renewables)
    assert (report.status, report.percent) == ("completed", 100)
    assert [h.status for h in report.history.order_by("history_date")] == ["on_track", "completed"]


def test_department_user_may_report_as_cooperating_department(client, world):
    client.force_login(world.energy_user)
    assert client.post(url(world.coal), report_post()).status_code == 302
    assert ProgressReport.objects.get(task=world.coal).department == world.energy


def test_department_user_gets_403_on_other_departments_tasks_and_other_regions(client, world):
    client.force_login(world.energy_user)
    for task in (world.statistics, world.other_region_task):  # not assigned; same name in another region
        assert client.get(url(task)).status_code == 403
        assert client.post(url(task), report_post()).status_code == 403
    assert not ProgressReport.objects.exists()
    assert world.other_region_task.assignments.filter(department__name="市能源局").exists()


def test_department_user_cannot_report_for_another_department(client, world):
    client.force_login(world.energy_user)
    client.post(url(world.coal), report_post(department=world.development.pk))
    assert ProgressReport.objects.get(task=world.coal).department == world.energy


def test_office_reports_for_a_chosen_department_of_its_region_only(client, world):
    client.force_login(world.office)
    response = client.post(url(world.coal), report_post(department=world.development.pk))
    assert response.status_code == 302
    assert ProgressReport.objects.get(task=world.coal).department == world.development
    client.force_login(world.other_office)
    assert client.post(url(world.coal), report_post()).status_code == 403


def test_viewers_and_anonymous_cannot_report(client, world):
    assert client.get(url(world.coal)).status_code == 302  # to sign in
    client.force_login(world.viewer)
    assert client.post(url(world.coal), report_post()).status_code == 403
    assert not ProgressReport.objects.exists()


def test_invalid_reports_say_what_is_wrong_and_store_nothing(client, world):
    client.force_login(world.energy_user)
    bad = [
        (report_post(period="2024Q5"), "2024Q5"),
        (report_post(status="completed", percent="80"), "100%"),
        (report_post(percent="120"), "100"),
        ({**report_post(), "files": [SimpleUploadedFile("脚本.exe", b"MZ")]}, "脚本.exe"),
    ]
    for data, expected in bad:
        response = client.post(url(world.renewables), data)
        assert response.status_code == 200
        assert expected in response.content.decode()
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_can_report_task_rules(world):
    assert can_report_task(world.energy_user, world.renewables)
    assert can_report_task(world.energy_user, world.coal)
    assert not can_report_task(world.energy_user, world.statistics)
    assert not can_report_task(world.energy_user, world.other_region_task)
    assert can_report_task(world.office, world.statistics)
    assert not can_report_task(world.other_office, world.statistics)
    assert not can_report_task(world.viewer, world.coal)
    Profile.objects.filter(user=world.energy_user).update(department=None)
    world.energy_user.refresh_from_db()
    assert not can_report_task(world.energy_user, world.renewables)


def test_a_department_profile_needs_a_department_of_its_region(world):
    profile = world.energy_user.profile
    profile.full_clean()  # valid as made
    profile.department = None
    with pytest.raises(ValidationError, match="部门用户必须指定所属部门"):
        profile.full_clean()
    profile.department, profile.region_id = world.energy, "220581"
    with pytest.raises(ValidationError, match="所属部门不在所属地区"):
        profile.full_clean()


def test_a_period_that_has_not_begun_cannot_be_reported(client, world):
    client.force_login(world.energy_user)
    response = client.post(url(world.renewables), report_post(period="2099Q1"))
    assert response.status_code == 200 and "2099Q1 尚未开始" in response.content.decode()
    assert not ProgressReport.objects.exists()
