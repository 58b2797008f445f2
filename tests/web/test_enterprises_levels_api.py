"""The levels API: packaged and entered levels listed with their source; entering one under the page's rules."""

from __future__ import annotations

import pytest
from test_enterprises_levels_support import FORM, PRODUCT, make_level

from tanda.web.core.models import Profile
from tanda.web.enterprises.models import EnteredLevel

pytestmark = pytest.mark.django_db
URL = "/api/enterprises/levels"


def post(client, **values):
    return client.post(URL, {**FORM, **values}, content_type="application/json")


def test_list_packaged_and_entered_with_their_sources(client, viewer, jilin_office):
    make_level("220000", user=jilin_office)
    assert client.get(URL).status_code == 401
    client.force_login(viewer)
    levels = client.get(URL).json()
    packaged = next(x for x in levels if x["product"] == "cement_clinker")
    assert (packaged["origin"], packaged["citation"], packaged["region"], packaged["id"]) == (
        "packaged",
        "P2",
        None,
        None,
    )
    entered = next(x for x in levels if x["product"] == PRODUCT)
    assert (entered["origin"], entered["region"], entered["entered_by"]) == ("entered", "220000", "jilin-office")
    assert entered["citation"] == "附件1 表1 第3行" and "本地录入" in entered["source"]
    assert [x["product"] for x in client.get(URL, {"origin": "entered"}).json()] == [PRODUCT]
    applicable = client.get(f"{URL}/applicable", {"product": PRODUCT, "region": "220581"}).json()
    assert (applicable["origin"], applicable["region"]) == ("entered", "220000")
    assert client.get(f"{URL}/applicable", {"product": "no_such", "region": "220581"}).status_code == 404


def test_an_office_enters_a_level(client, jilin_office):
    client.force_login(jilin_office)
    response = post(client, region="220000", benchmark="−3", baseline=-1)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["origin"], body["benchmark"], body["baseline"], body["entered_by"]) == (
        "entered",
        -3.0,
        -1.0,
        "jilin-office",
    )
    level = EnteredLevel.objects.get()
    assert (level.region_id, level.entered_by, level.history.count()) == ("220000", jilin_office, 1)


def test_errors_are_422_naming_each_field_and_nothing_is_stored(client, jilin_office):
    client.force_login(jilin_office)
    response = post(client, region="220000", benchmark=30, baseline=20, citation="", edition=1999)
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert set(fields) == {"benchmark", "citation", "edition"}
    assert "基准水平" in fields["benchmark"]
    assert post(client, region="nowhere").json()["errors"][0]["field"] == "region"
    assert EnteredLevel.objects.count() == 0
    assert post(client, region="220000").status_code == 201
    duplicate = post(client, region="220000")
    assert duplicate.status_code == 422
    assert {e["field"] for e in duplicate.json()["errors"]} == {"product", "edition", "region"}
    assert EnteredLevel.objects.count() == 1


def test_who_may_enter(client, viewer, meihekou_office, make_user):
    assert post(client, region="220000").status_code == 401
    client.force_login(viewer)
    assert post(client, region="220000").status_code == 403
    client.force_login(meihekou_office)
    assert post(client, region="220100").status_code == 403  # another region
    assert post(client, region="").status_code == 403  # national: administrators only
    client.force_login(make_user("admin", Profile.Role.ADMIN))
    assert post(client, region="").status_code == 201
    assert list(EnteredLevel.objects.values_list("region_id", flat=True)) == [None]
