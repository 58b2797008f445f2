"""Who may read and change which plan: anonymous, viewer, office user of another region, owner."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web_samples import SAMPLE_TEXT

from tanda.web.plans.models import Plan, Target, Task

pytestmark = pytest.mark.django_db


def target_post(target: Target, **changes) -> dict:
    data = {
        "section": target.section_id or "",
        "indicator": target.indicator,
        "value": target.value,
        "unit": target.unit,
        "year": target.year,
        "baseline_year": target.baseline_year or "",
        "kind": target.kind,
        "qualifier": target.qualifier,
        "quote": target.quote,
    }
    return {**data, **changes}


def test_anonymous_sees_only_published_plans(client, make_plan):
    public = make_plan(published=True, title="公开的方案")
    draft = make_plan(published=False, title="内部的方案")
    page = client.get(reverse("plans:list")).content.decode()
    assert public.title in page
    assert draft.title not in page
    assert client.get(public.get_absolute_url()).status_code == 200
    for name in ("plans:detail", "plans:source", "plans:history"):
        response = client.get(reverse(name, args=[draft.pk]))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_signed_in_viewer_reads_everything_but_changes_nothing(client, make_plan, viewer):
    draft = make_plan(published=False, title="内部的方案")
    target = draft.targets.first()
    client.force_login(viewer)
    assert draft.title in client.get(reverse("plans:list")).content.decode()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert page.count(draft.title) >= 1
    assert reverse("plans:target_edit", args=[draft.pk, target.pk]) not in page
    assert reverse("plans:publish", args=[draft.pk]) not in page
    response = client.post(reverse("plans:target_edit", args=[draft.pk, target.pk]), target_post(target, value="99"))
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.value == 13.5
    assert client.get(reverse("plans:upload")).status_code == 403


def test_office_user_cannot_change_another_regions_plan(client, make_plan, jilin_office):
    county = make_plan("220581", published=True)
    target, task = county.targets.first(), county.tasks.first()
    client.force_login(jilin_office)
    page = client.get(county.get_absolute_url()).content.decode()
    assert reverse("plans:target_edit", args=[county.pk, target.pk]) not in page
    attempts = [
        (reverse("plans:target_edit", args=[county.pk, target.pk]), target_post(target, value="99")),
        (reverse("plans:target_delete", args=[county.pk, target.pk]), {}),
        (reverse("plans:target_add", args=[county.pk]), target_post(target, indicator="新指标")),
        (reverse("plans:task_edit", args=[county.pk, task.pk]), {"title": "改过的任务", "departments": "某局"}),
        (reverse("plans:task_delete", args=[county.pk, task.pk]), {}),
        (reverse("plans:task_add", args=[county.pk]), {"title": "新任务"}),
        (reverse("plans:publish", args=[county.pk]), {"published": "0"}),
        (reverse("plans:edit", args=[county.pk]), {"title": "改过的标题", "published": "on"}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
        assert client.get(url).status_code == 403, url
    county.refresh_from_db()
    target.refresh_from_db()
    task.refresh_from_db()
    assert (county.published, county.title.startswith("某市碳达峰实施方案")) == (True, True)
    assert (target.value, task.title) == (13.5, "推进煤炭消费替代和转型升级")
    assert (county.targets.count(), county.tasks.count()) == (2, 1)


def test_office_user_edits_own_region_but_not_through_a_foreign_id(client, make_plan, jilin_office):
    own, county = make_plan("220000"), make_plan("220581")
    foreign_target = county.targets.first()
    client.force_login(jilin_office)
    page = client.get(own.get_absolute_url()).content.decode()
    assert reverse("plans:target_edit", args=[own.pk, own.targets.first().pk]) in page
    # the other plan's target id under this plan's URL is not found, and not changed
    url = reverse("plans:target_edit", args=[own.pk, foreign_target.pk])
    assert client.post(url, target_post(foreign_target, value="99")).status_code == 404
    foreign_target.refresh_from_db()
    assert foreign_target.value == 13.5


def test_anonymous_change_goes_to_sign_in_and_changes_nothing(client, make_plan):
    plan = make_plan(published=True)
    task = plan.tasks.first()
    response = client.post(reverse("plans:task_delete", args=[plan.pk, task.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Task.objects.filter(pk=task.pk).exists()
    assert client.get(reverse("plans:upload")).status_code == 302


def test_upload_region_is_limited_to_the_users_own(client, jilin_office, use_fake_parser, upload_dir):
    client.force_login(jilin_office)
    form = client.get(reverse("plans:upload")).content.decode()
    assert 'value="220000"' in form
    assert 'value="220581"' not in form
    upload = SimpleUploadedFile("plan.txt", SAMPLE_TEXT.encode())
    response = client.post(reverse("plans:upload"), {"file": upload, "region": "220581"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or 'class="error"' in response.content.decode()
    assert Plan.objects.count() == 0


def test_owner_publishes_and_unpublishes(client, make_plan, meihekou_office):
    plan = make_plan("220581", published=False)
    client.force_login(meihekou_office)
    assert client.post(reverse("plans:publish", args=[plan.pk]), {"published": "1"}).status_code == 302
    plan.refresh_from_db()
    assert plan.published
    client.logout()
    assert client.get(plan.get_absolute_url()).status_code == 200
    client.force_login(meihekou_office)
    client.post(reverse("plans:publish", args=[plan.pk]), {"published": "0"})
    client.logout()
    assert client.get(plan.get_absolute_url()).status_code == 302
