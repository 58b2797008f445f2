"""Notifications: overdue tasks, missing progress, off-track and missing indicator data; e-mail; badge."""

from __future__ import annotations

from datetime import date

import pytest
from dispatch_samples import make_world
from django.core import mail
from django.urls import reverse

from tanda.reports import parse_period
from tanda.web.core.models import Region
from tanda.web.dispatch.models import Notification, ProgressReport, TaskSchedule
from tanda.web.dispatch.notify import scan

pytestmark = pytest.mark.django_db
Q4 = parse_period("2024Q4")
TODAY = date(2025, 1, 15)


@pytest.fixture
def world(make_plan, make_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "tanda@example.org"
    w = make_world(make_plan, make_user)
    TaskSchedule.objects.create(task=w.renewables, deadline=date(2024, 11, 30))
    ProgressReport.objects.create(
        task=w.coal, department=w.development, period="2024Q4", status="on_track", percent=50, narrative="进展。"
    )
    return w


def grades_of(world):
    """A stand-in for the indicators service: one red, one yellow, one green, one without data."""
    ids = list(world.plan.targets.values_list("pk", flat=True))
    red = {"target_id": ids[0], "grade": "red", "state": "graded", "message": "moved the wrong way year on year"}
    yellow = {"target_id": ids[1], "grade": "yellow", "state": "graded", "message": "slower than required"}

    def service(region_code, as_of_year):
        assert (region_code, as_of_year) == ("220000", 2024)
        return [red, yellow, {"target_id": 999999, "grade": "green"}, {"target_id": ids[0] + 10**6, "state": "no_data"}]

    return service


def run(world, service=None):
    region = Region.objects.get(code="220000")
    return scan(
        region, Q4, today=TODAY, base_url="https://tanda.example.org/", grade_service=service or grades_of(world)
    )


def test_scan_notifies_departments_of_their_tasks_and_the_office_of_the_region(world):
    result = run(world)
    energy = {n.kind: n.title for n in Notification.objects.filter(user=world.energy_user)}
    assert energy == {"overdue": "任务逾期：大力发展新能源", "not_updated": "请报送2024年第四季度进展：大力发展新能源"}
    # 市发展改革委 reported its task for Q4 and has no deadline: nothing to say
    assert not Notification.objects.filter(user=world.development_user).exists()
    office = sorted(Notification.objects.filter(user=world.office).values_list("kind", "title"))
    assert ("overdue", "2024年第四季度：1项任务逾期未完成") in office
    assert ("not_updated", "2024年第四季度：2项任务未报送进展") in office
    off_track = [t for k, t in office if k == "off_track"]
    assert sorted(t.split("：")[0] for t in off_track) == ["指标红色预警", "指标黄色预警"]
    assert not Notification.objects.filter(user=world.other_office).exists()
    assert result.created == 2 + 4 and result.recipients == 2


def test_each_recipient_gets_one_email_listing_its_new_notifications(world):
    run(world)
    assert len(mail.outbox) == 2
    to_energy = next(m for m in mail.outbox if m.to == ["energy@example.org"])
    assert to_energy.from_email == "tanda@example.org"
    assert to_energy.subject == "[tanda] 吉林省2024年第四季度调度提醒（2条）"
    assert "任务逾期：大力发展新能源" in to_energy.body
    report_url = reverse("dispatch:report_task", args=[world.renewables.pk])
    assert f"https://tanda.example.org{report_url}?period=2024Q4" in to_energy.body
    assert Notification.objects.filter(user=world.energy_user, emailed_at__isnull=False).count() == 2


def test_a_second_scan_adds_nothing_and_sends_nothing(world):
    run(world)
    count, sent = Notification.objects.count(), len(mail.outbox)
    assert run(world).created == 0
    assert (Notification.objects.count(), len(mail.outbox)) == (count, sent)


def test_missing_indicator_data_is_reported_to_the_office(world):
    target = world.plan.targets.first()

    def service(region_code, as_of_year):
        return [{"target_id": target.pk, "grade": None, "state": "no_data", "message": "no observation after 2020"}]

    run(world, service)
    note = Notification.objects.get(user=world.office, kind="missing_data")
    assert note.title == "1项目标缺少监测数据，无法评估"
    assert target.indicator in note.body


def test_users_without_an_address_get_in_app_notifications_only(world):
    world.energy_user.email = ""
    world.energy_user.save()
    run(world)
    assert Notification.objects.filter(user=world.energy_user, emailed_at__isnull=True).count() == 2
    assert [m.to for m in mail.outbox] == [["office@example.org"]]


def test_unread_badge_list_and_marking_read(client, world):
    run(world)
    client.force_login(world.energy_user)
    badge = client.get(reverse("dispatch:badge")).content.decode()
    assert ">2</span>" in badge
    page = client.get(reverse("dispatch:notifications")).content.decode()
    assert "任务逾期：大力发展新能源" in page and "2 条未读" in page
    # the menu entry loads the badge
    assert f'hx-get="{reverse("dispatch:badge")}"' in client.get(reverse("plans:list")).content.decode()
    note = Notification.objects.get(user=world.energy_user, kind="overdue")
    response = client.post(reverse("dispatch:read", args=[note.pk]), {"follow": "1"})
    assert response.status_code == 302 and response["Location"] == note.url
    assert ">1</span>" in client.get(reverse("dispatch:badge")).content.decode()
    client.post(reverse("dispatch:read_all"))
    assert client.get(reverse("dispatch:badge")).content.decode().strip() == ""
    # someone else's notification cannot be touched
    other = Notification.objects.filter(user=world.office).first()
    assert client.post(reverse("dispatch:read", args=[other.pk])).status_code == 404
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_office_sends_reminders_from_the_board(client, world):
    client.force_login(world.energy_user)
    assert client.post(reverse("dispatch:reminders"), {"region": "220000", "period": "2024Q4"}).status_code == 403
    client.force_login(world.office)
    response = client.post(reverse("dispatch:reminders"), {"region": "220000", "period": "2024Q4"})
    assert response.status_code == 302
    assert Notification.objects.filter(user=world.energy_user, kind="overdue").exists()
