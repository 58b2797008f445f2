"""Import errors on the pages: Chinese by default, English after the language switch."""

from __future__ import annotations

import csv

import pytest
from django.urls import reverse

from tanda.enterprises import make_credit_code
from tanda.i18n import get_language
from tanda.web.enterprises.store import register_units

pytestmark = pytest.mark.django_db

CODE = make_credit_code("220100", 90_000_001)
UNREGISTERED = "914403001922038216"


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_the_preview_shows_import_errors_in_the_pages_language(regions, client, make_user, tmp_path, settings):
    settings.HOME = tmp_path
    units = write(
        tmp_path / "units.csv",
        ["credit_code", "name", "industry", "region"],
        [[CODE, "甲（合成数据）", "3011", "220100"]],
    )
    assert register_units(units).stored
    client.force_login(make_user("jilin-office", "office", "220000"))
    bad = write(
        tmp_path / "bad.csv",
        ["credit_code", "year", "month", "fuel", "quantity", "unit"],
        [[CODE, 2024, 1, "原煤", -1, "t"], [UNREGISTERED, 2024, 1, "原煤", 1, "t"]],
    )
    with open(bad, "rb") as fh:
        preview_url = client.post(reverse("enterprises:import"), {"kind": "submissions", "file": fh})["Location"]

    chinese = client.get(preview_url).content.decode()
    assert "-1 为负数；数量应 ≥ 0" in chinese
    assert f"{UNREGISTERED} 不是已登记单位；请先登记（tanda enterprise register）" in chinese
    assert "is negative" not in chinese
    assert "为负数" in client.get(preview_url + "errors.csv").content.decode("utf-8-sig")
    assert get_language() == "en"  # the request's language ends with the request

    client.post(reverse("set_language"), {"language": "en", "next": preview_url})
    english = client.get(preview_url).content.decode()
    assert "-1 is negative; expected a quantity ≥ 0" in english
    assert f"{UNREGISTERED} is not a registered unit; register it first (tanda enterprise register)" in english
    assert "为负数" not in english
