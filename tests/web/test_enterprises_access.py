"""An enterprise user sees and changes only its own unit, on pages and through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanda.enterprises import make_credit_code
from tanda.web.enterprises.models import Enterprise, EnterpriseAccount, Project, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_units(regions):
    own = Enterprise.objects.create(
        credit_code=make_credit_code("220100", 90_000_201),
        name="本单位（合成数据）",
        industry="3011",
        region_id="220100",
    )
    other = Enterprise.objects.create(
        credit_code=make_credit_code("220581", 90_000_202),
        name="他单位（合成数据）",
        industry="3110",
        region_id="220581",
    )
    for unit in (own, other):
        Submission.objects.create(
            enterprise=unit, year=2024, month=1, fuel="raw_coal", quantity=10, unit="t", canonical=10
        )
        Project.objects.create(
            name=f"{unit.name}项目",
            enterprise=unit,
            region_id=unit.region_id,
            industry="3011",
            product="cement_clinker",
            design_energy_tce=1,
            design_unit_consumption=120,
        )
    return own, other


@pytest.fixture
def enterprise_client(client, make_user, two_units):
    user = make_user("unit-user")
    EnterpriseAccount.objects.create(user=user, enterprise=two_units[0])
    client.force_login(user)
    return client


def test_list_goes_to_the_own_unit(enterprise_client, two_units):
    response = enterprise_client.get(reverse("enterprises:index"))
    assert response.status_code == 302 and response["Location"].endswith(f"/units/{two_units[0].credit_code}/")


def test_other_unit_is_not_found(enterprise_client, two_units):
    own, other = two_units
    assert enterprise_client.get(reverse("enterprises:unit", args=[own.credit_code])).status_code == 200
    assert enterprise_client.get(reverse("enterprises:unit", args=[other.credit_code])).status_code == 404
    post = enterprise_client.post(
        reverse("enterprises:submit", args=[other.credit_code]),
        {"year": 2024, "month": 2, "fuel": "raw_coal", "direction": "in", "quantity": 1, "unit": "t"},
    )
    assert post.status_code == 404 and Submission.objects.filter(enterprise=other).count() == 1


def test_own_unit_may_submit(enterprise_client, two_units):
    own = two_units[0]
    enterprise_client.post(
        reverse("enterprises:submit", args=[own.credit_code]),
        {"year": 2024, "month": 2, "fuel": "electricity", "direction": "in", "quantity": 5, "unit": "万千瓦时"},
    )
    row = Submission.objects.get(enterprise=own, month=2)
    assert row.canonical == 50_000 and row.history.count() == 1


def test_projects_rollup_and_caps_are_limited(enterprise_client, two_units):
    page = enterprise_client.get(reverse("enterprises:projects")).content.decode()
    assert "本单位（合成数据）项目" in page and "他单位（合成数据）项目" not in page
    other_project = Project.objects.get(enterprise=two_units[1])
    assert enterprise_client.get(reverse("enterprises:project", args=[other_project.pk])).status_code == 404
    assert enterprise_client.get(reverse("enterprises:rollup")).status_code == 403
    assert enterprise_client.get(reverse("enterprises:caps")).status_code == 403


def test_api_shows_only_the_own_unit(enterprise_client, two_units):
    own, other = two_units
    listed = enterprise_client.get("/api/enterprises/units").json()
    assert [u["credit_code"] for u in listed] == [own.credit_code]
    assert enterprise_client.get(f"/api/enterprises/units/{other.credit_code}/monthly").status_code == 404
    assert enterprise_client.get(f"/api/enterprises/units/{own.credit_code}/monthly").status_code == 200


def test_the_projects_api_shows_only_the_own_units_projects(enterprise_client, two_units):
    own, other = two_units
    listed = enterprise_client.get("/api/enterprises/projects").json()
    assert [p["credit_code"] for p in listed] == [own.credit_code]
    other_project = Project.objects.get(enterprise=other)
    assert enterprise_client.get(f"/api/enterprises/projects/{other_project.pk}").status_code == 404


def test_an_enterprise_user_imports_only_its_own_rows(enterprise_client, two_units, tmp_path, settings):
    settings.HOME = tmp_path
    own, other = two_units
    path = tmp_path / "mine.csv"
    path.write_text(
        f"credit_code,year,month,fuel,quantity,unit\n{own.credit_code},2024,3,原煤,1,t\n{other.credit_code},2024,3,原煤,1,t\n",
        encoding="utf-8",
    )
    with open(path, "rb") as fh:
        response = enterprise_client.post(reverse("enterprises:import"), {"kind": "submissions", "file": fh})
    page = enterprise_client.get(response["Location"]).content.decode()
    assert "不是本单位" in page  # the page is Chinese by default
    enterprise_client.post(response["Location"] + "store/")
    assert Submission.objects.filter(month=3).count() == 0


def test_other_users_read_every_unit_but_offices_edit_only_their_region(client, make_user, two_units):
    own, other = two_units
    client.force_login(make_user("meihekou", "office", "220581"))
    assert client.get(reverse("enterprises:unit", args=[own.credit_code])).status_code == 200
    denied = client.post(
        reverse("enterprises:submit", args=[own.credit_code]),
        {"year": 2024, "month": 2, "fuel": "raw_coal", "direction": "in", "quantity": 1, "unit": "t"},
    )
    assert denied.status_code == 403
    allowed = client.post(
        reverse("enterprises:submit", args=[other.credit_code]),
        {"year": 2024, "month": 2, "fuel": "raw_coal", "direction": "in", "quantity": 1, "unit": "t"},
    )
    assert allowed.status_code == 302 and Submission.objects.filter(enterprise=other, month=2).exists()


def test_anonymous_visitors_sign_in_first(client, two_units):
    response = client.get(reverse("enterprises:index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/enterprises/units").status_code == 401
