"""Upload → preview (nothing stored) → save (stored); bad files are form errors that store nothing."""

from __future__ import annotations

import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web_samples import ENERGY_QUOTE, SAMPLE_TEXT, TASK_TITLE

from tanda.web.core.models import Region
from tanda.web.plans import staging
from tanda.web.plans.models import Plan, TaskDepartment

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name: str = "某市方案.txt", **fields):
    form = {"file": SimpleUploadedFile(name, data), "region": "220000", **fields}
    return client.post(reverse("plans:upload"), form)


@pytest.fixture
def office(client, jilin_office, upload_dir):
    client.force_login(jilin_office)
    return jilin_office


def test_preview_shows_the_parse_and_stores_nothing(client, office, use_fake_parser, upload_dir):
    response = upload(client, SAMPLE_TEXT.encode())
    assert response.status_code == 302
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert preview.status_code == 200
    for expected in ("某市碳达峰实施方案", "某政发〔2024〕1号", "单位地区生产总值能源消耗", "13.5", ENERGY_QUOTE):
        assert expected in page, expected
    assert TASK_TITLE in page
    assert '<span class="dept lead">市发展改革委</span>' in page
    assert '<span class="dept">市能源局</span>' in page
    assert "各县（市、区）政府" in page
    assert Plan.objects.count() == 0
    assert len(list(upload_dir.glob("*.upload"))) == 1


def test_save_stores_the_plan_and_forgets_the_upload(client, office, use_fake_parser, upload_dir, make_plan):
    parent = make_plan("220000", title="吉林省碳达峰实施方案")
    response = upload(client, SAMPLE_TEXT.encode(), parent=str(parent.pk), published="on")
    preview_url = response["Location"]
    saved = client.post(preview_url)
    plan = Plan.objects.exclude(pk=parent.pk).get()
    assert saved.status_code == 302
    assert saved["Location"] == plan.get_absolute_url()
    assert (plan.region_id, plan.parent, plan.published, plan.created_by) == ("220000", parent, True, office)
    assert plan.source_name == "某市方案.txt"
    assert bytes(plan.source_file) == SAMPLE_TEXT.encode()
    assert plan.targets.count() == 2
    task = plan.tasks.get()
    lead = task.assignments.get(role=TaskDepartment.Role.LEAD)
    assert lead.department.name == "市发展改革委"
    assert task.assignments.filter(role=TaskDepartment.Role.COOPERATING).count() == 2
    assert list(upload_dir.glob("*.upload")) == []
    assert client.session.get(staging.SESSION_KEY) == {}
    # the token is spent: a second save cannot store the plan again
    again = client.post(preview_url)
    assert (again.status_code, again["Location"]) == (302, reverse("plans:upload"))
    assert Plan.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", None),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xfe\x00\x00" * 40, None),
        ("notes.txt", "今天开会，讨论了工作安排。".encode(), None),
        ("plan.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ],
    ids=["empty", "binary", "no-structure", "unknown-type"],
)
def test_bad_file_is_a_form_error_and_stores_nothing(client, office, upload_dir, name, data, message):
    response = upload(client, data, name)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error"' in page
    assert name in page  # the message names the file
    if message:
        assert message in page
    assert Plan.objects.count() == 0
    assert not upload_dir.exists() or list(upload_dir.glob("*.upload")) == []


def test_too_big_file_is_refused_before_reading(client, office, upload_dir, monkeypatch):
    monkeypatch.setattr("tanda.web.plans.intake.MAX_BYTES", 1024)
    response = upload(client, SAMPLE_TEXT.encode() * 20)
    assert "文件过大" in response.content.decode()
    assert Plan.objects.count() == 0


def test_duplicate_upload_is_a_form_error(client, office, use_fake_parser, upload_dir):
    client.post(upload(client, SAMPLE_TEXT.encode())["Location"])
    assert Plan.objects.count() == 1
    response = upload(client, SAMPLE_TEXT.encode(), "again.txt")
    assert response.status_code == 200
    assert "此文件已导入吉林省" in response.content.decode()
    assert Plan.objects.count() == 1


def test_duplicate_stored_between_preview_and_save_is_shown_not_stored_twice(
    client, office, use_fake_parser, upload_dir
):
    first = upload(client, SAMPLE_TEXT.encode())["Location"]
    second = upload(client, SAMPLE_TEXT.encode(), "copy.txt")["Location"]
    client.post(first)
    response = client.post(second)
    assert response.status_code == 200
    assert "未重复保存" in response.content.decode()
    assert Plan.objects.count() == 1


def test_another_session_cannot_use_the_upload(client, office, use_fake_parser, upload_dir, make_user):
    preview_url = upload(client, SAMPLE_TEXT.encode())["Location"]
    other = make_user("admin2", "admin")
    client.logout()  # a new session, even for an administrator
    client.force_login(other)
    for response in (client.get(preview_url), client.post(preview_url)):
        assert (response.status_code, response["Location"]) == (302, reverse("plans:upload"))
    assert "这次上传已失效" in client.get(reverse("plans:upload")).content.decode()
    assert Plan.objects.count() == 0
    assert len(list(upload_dir.glob("*.upload"))) == 1  # the owner's upload is untouched


def test_discard_removes_the_staged_file(client, office, use_fake_parser, upload_dir):
    preview_url = upload(client, SAMPLE_TEXT.encode())["Location"]
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    client.post(reverse("plans:upload_discard", args=[token]))
    assert list(upload_dir.glob("*.upload")) == []
    assert client.get(preview_url).status_code == 302
    assert Plan.objects.count() == 0


def test_abandoned_staged_files_are_swept_but_fresh_ones_kept(upload_dir):
    staging.upload_dir()
    abandoned, fresh = upload_dir / "abandoned.upload", upload_dir / "fresh.upload"
    abandoned.write_bytes(b"x")
    fresh.write_bytes(b"y")
    os.utime(abandoned, (0, 0))
    assert staging.sweep() == 1
    assert (abandoned.exists(), fresh.exists()) == (False, True)


def test_region_choice_is_preselected_for_a_single_region(client, office, upload_dir):
    page = client.get(reverse("plans:upload")).content.decode()
    assert 'value="220000" selected' in page
    assert Region.objects.filter(code="220581").exists()


def test_real_parser_preview_and_save_agree(client, office, upload_dir):
    """Through the real reader and parser: what the preview counts is what the save stores."""
    from tanda.plan import parse_text, read_bytes
    from tanda.web.plans.demo import seed_bytes

    data = seed_bytes("004_7123e170962ef154.txt")
    parsed = parse_text(read_bytes(data, "meihekou.txt"))
    preview = client.get(upload(client, data, "meihekou.txt")["Location"]).content.decode()
    counts = re.findall(r"<li><b>(\d+)</b>", preview)
    assert counts == [str(len(x)) for x in (parsed.sections, parsed.tasks, parsed.targets, parsed.rules)]
    client.post(reverse("plans:upload_preview", args=[next(iter(client.session[staging.SESSION_KEY]))]))
    plan = Plan.objects.get()
    assert (plan.sections.count(), plan.tasks.count(), plan.targets.count(), plan.rules.count()) == tuple(
        len(x) for x in (parsed.sections, parsed.tasks, parsed.targets, parsed.rules)
    )
    assert plan.title == parsed.title
