"""Observations by form, Excel import and API: bad rows are refused with the row and field named,
nothing partial is stored, units are converted, and every change of a value is kept in its history."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from openpyxl import Workbook

from tanda.indicators import ObservationError
from tanda.web.indicators.models import Observation
from tanda.web.indicators.store import check_rows, save_rows

pytestmark = pytest.mark.django_db

HEADER = ["指标", "地区", "时期", "数值", "单位", "来源", "状态"]
GOOD = ["非化石能源消费比重", "220000", "2023", 14.5, "%", "统计公报", "reported"]


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, **extra):
    file = io.BytesIO(data)
    file.name = "values.xlsx"
    return client.post(reverse("indicators:import"), {"file": file, "region": "220000", **extra})


@pytest.fixture
def office(client, jilin_office, password):
    client.login(username=jilin_office.username, password=password)
    return jilin_office


def test_import_names_every_bad_row_and_field_and_stores_nothing(client, office):
    rows = [
        GOOD,
        ["非化石能源消费比重", "220000", "2024", 120, "%", "", ""],  # share above 100 %
        ["风电装机容量", "220000", "2023", -5, "万千瓦", "", ""],  # negative capacity
        ["风电装机容量", "220000", "2024", 300, "万吨", "", ""],  # a mass for a power
        ["森林覆盖率", "999999", "2023", 45, "%", "", ""],  # unknown region
        ["绿色指数", "220000", "2023", 1, "", "", ""],  # unknown indicator
        ["非化石能源消费比重", "吉林省", "2023", 14.6, "%", "", ""],  # duplicate of row 2 (吉林省 = 220000)
    ]
    response = upload(client, workbook(rows))
    assert response.status_code == 302
    preview = client.get(response.url)
    errors = {(e.row, e.field) for e in preview.context["result"].errors}
    assert errors == {(3, "value"), (4, "value"), (5, "unit"), (6, "region"), (7, "indicator"), (8, "period")}
    page = preview.content.decode()
    assert "cannot exceed 100" in page and "cannot be below 0" in page and "duplicate of row 2" in page
    assert "save-import" not in page  # no save button while any row is wrong
    client.post(response.url)
    assert Observation.objects.count() == 0


def test_a_clean_import_previews_then_stores_every_row_with_units_converted(client, office):
    rows = [
        GOOD,
        ["充电桩", "220000", "2024", 1.2, "万个", "", "verified"],
        ["森林覆盖率", "220100", "2024年", 45.1, "%"],
    ]
    preview = client.get(upload(client, workbook(rows)).url)
    assert preview.context["result"].ok and Observation.objects.count() == 0
    assert [r.action for r in preview.context["result"].rows] == ["new", "new", "new"]
    client.post(preview.request["PATH_INFO"])
    piles = Observation.objects.get(indicator="charging_piles")
    assert (piles.value, piles.unit, piles.entered_value, piles.entered_unit, piles.status) == (
        12000.0,
        "个",
        1.2,
        "万个",
        "verified",
    )
    assert Observation.objects.get(indicator="forest_cover").region_id == "220100"  # a city of the office's province
    assert piles.reported_by == office and Observation.objects.count() == 3


def test_saving_is_all_or_nothing_even_when_the_database_refuses_a_row(office, monkeypatch):
    result = check_rows([GOOD_ROW, {**GOOD_ROW, "period": "2024"}], user=office)
    assert result.ok
    original, calls = Observation.save, []

    def failing_save(self, *args, **kwargs):
        calls.append(self.period)
        if len(calls) == 2:
            raise RuntimeError("the database refused the second row")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Observation, "save", failing_save)
    with pytest.raises(RuntimeError):
        save_rows(result, user=office)
    assert calls == ["2023", "2024"] and Observation.objects.count() == 0


GOOD_ROW = {"indicator": "non_fossil_share", "region": "220000", "period": "2023", "value": "14.5", "unit": "%"}


def test_an_invalid_batch_raises_with_all_errors(office):
    result = check_rows([GOOD_ROW, {**GOOD_ROW, "period": "2023-13"}], user=office)
    with pytest.raises(ObservationError) as info:
        save_rows(result, user=office)
    assert [(e.row, e.field) for e in info.value.errors] == [(2, "period")]
    assert Observation.objects.count() == 0


def test_form_shows_the_error_at_the_field_and_stores_nothing(client, office):
    url = reverse("indicators:observation_new")
    data = {"region": "220000", "indicator": "wind_capacity", "period": "2023", "value": "300", "unit": "万吨"}
    response = client.post(url, {**data, "status": "reported"})
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors and Observation.objects.count() == 0
    response = client.post(url, {**data, "unit": "万千瓦", "status": "reported"})
    assert response.status_code == 302
    assert Observation.objects.get().value == 300.0


def test_form_refuses_a_region_the_user_may_not_report_for(client, make_user, password):
    user = make_user("meihekou", "office", "220581")
    client.login(username=user.username, password=password)
    data = {"region": "220000", "indicator": "forest_cover", "period": "2023", "value": "45", "unit": "%"}
    response = client.post(reverse("indicators:observation_new"), {**data, "status": "reported"})
    assert "region" in response.context["form"].errors and Observation.objects.count() == 0


def post_api(client, payload: dict):
    return client.post("/api/indicators/observations", json.dumps(payload), content_type="application/json")


def test_api_refuses_a_bad_batch_naming_rows_and_fields(client, office):
    rows = [
        {"indicator": "non_fossil_share", "period": "2023", "value": 14.5, "unit": "%"},
        {"indicator": "non_fossil_share", "period": "2024", "value": "abc", "unit": "%"},
        {"indicator": "wind_capacity", "region": "31", "period": "2024", "value": 5, "unit": "万千瓦"},
    ]
    response = post_api(client, {"rows": rows, "region": "220000"})
    assert response.status_code == 422
    body = response.json()
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "value"), (3, "region")]
    assert "nothing was stored" in body["detail"]
    assert Observation.objects.count() == 0


def test_api_needs_a_signed_in_user(client, regions):
    response = post_api(client, {"rows": [GOOD_ROW]})
    assert response.status_code == 401 and Observation.objects.count() == 0


def test_history_of_a_changed_value(client, office):
    assert post_api(client, {"rows": [GOOD_ROW], "source": "统计快报"}).json() == {"new": 1, "change": 0, "same": 0}
    changed = {**GOOD_ROW, "value": "14.9"}
    refused = post_api(client, {"rows": [changed]})
    assert refused.status_code == 422 and "already stored as 14.5" in refused.json()["errors"][0]["message"]
    assert post_api(client, {"rows": [GOOD_ROW]}).json() == {"new": 0, "change": 0, "same": 1}
    assert post_api(client, {"rows": [changed], "replace": True, "source": "统计公报"}).json()["change"] == 1
    obs = Observation.objects.get()
    assert obs.value == 14.9
    history = client.get(f"/api/indicators/observations/{obs.pk}/history").json()
    assert [(h["type"], h["value"], h["source"]) for h in history] == [("~", 14.9, "统计公报"), ("+", 14.5, "统计快报")]
    assert history[0]["user"] == office.username
    page = client.get(reverse("indicators:observation_history", args=[obs.pk])).content.decode()
    assert "14.5" in page and "14.9" in page and "统计快报" in page
