"""The enterprise demo: a few hundred labelled synthetic units in Jilin, loaded once, and its account."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanda.enterprises import is_valid_credit_code
from tanda.web.enterprises import demo
from tanda.web.enterprises.models import Enterprise, EnterpriseAccount, Project, Submission

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_is_labelled(regions, tmp_path, monkeypatch, client):
    monkeypatch.setenv("TANDA_HOME", str(tmp_path))
    lines = demo.load_demo()
    units = Enterprise.objects.all()
    assert units.count() == demo.UNITS
    assert all(u.synthetic and u.name.endswith("（合成数据）") and is_valid_credit_code(u.credit_code) for u in units)
    assert all(u.region_id.startswith("22") for u in units)
    rows, projects = Submission.objects.count(), Project.objects.count()
    assert rows > 10_000 and projects >= 8

    again = demo.load_demo()
    assert (Submission.objects.count(), Project.objects.count()) == (rows, projects)
    assert "0 new submission rows" in again[0]
    assert lines[1].split()[3] == again[1].split()[3]  # the same password both times

    account = EnterpriseAccount.objects.get(user__username=demo.USERNAME)
    client.force_login(account.user)
    assert client.get(reverse("enterprises:index"))["Location"].endswith(f"/units/{account.enterprise.credit_code}/")
