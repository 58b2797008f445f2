"""The metering API: 15-minute readings summed into the month; re-sent readings not counted twice."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tanda.enterprises import make_credit_code
from tanda.enterprises.metering import CHINA
from tanda.web.enterprises.models import Enterprise, EnterpriseAccount, MeterToken, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(regions):
    return Enterprise.objects.create(
        credit_code=make_credit_code("220100", 90_000_301),
        name="监测单位（合成数据）",
        industry="6550",
        region_id="220100",
    )


def payload(start: datetime, count: int, kwh: float = 12.5) -> dict:
    return {
        "interval": 15,
        "readings": [
            {"start": (start + timedelta(minutes=15 * i)).isoformat(), "quantity": kwh, "fuel": "电力", "unit": "kWh"}
            for i in range(count)
        ],
    }


def test_a_day_of_quarter_hours_across_a_month_end(client, unit):
    _, key = MeterToken.issue(unit)
    url = f"/api/enterprises/units/{unit.credit_code}/readings"
    # 31 March 12:00 to 1 April 12:00 China time: 48 readings in March, 48 in April
    response = client.post(
        url,
        payload(datetime(2024, 3, 31, 12, tzinfo=CHINA), 96),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200, response.content
    months = {(m["month"], m["readings"]): m["quantity"] for m in response.json()["months"]}
    assert months == {(3, 48): 600.0, (4, 48): 600.0}
    march = Submission.objects.get(enterprise=unit, year=2024, month=3, fuel="electricity")
    assert (march.canonical, march.source) == (600.0, "meter")
    unit.refresh_from_db()
    assert unit.online_monitoring

    # the next morning's readings add to April; the same batch sent again is refused and changes nothing
    more = client.post(
        url,
        payload(datetime(2024, 4, 1, 12, tzinfo=CHINA), 4),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert more.json()["months"][0]["quantity"] == 650.0
    again = client.post(
        url,
        payload(datetime(2024, 3, 31, 12, tzinfo=CHINA), 96),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert again.status_code == 422 and "already stored" in again.json()["detail"]
    assert Submission.objects.get(enterprise=unit, month=4).canonical == 650.0


def test_keys_and_rights(client, unit, make_user, regions):
    url = f"/api/enterprises/units/{unit.credit_code}/readings"
    body = payload(datetime(2024, 5, 1, tzinfo=CHINA), 1)
    assert client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    other = Enterprise.objects.create(
        credit_code=make_credit_code("220100", 90_000_302), name="别家（合成数据）", industry="3011", region_id="220100"
    )
    _, other_key = MeterToken.issue(other)
    forbidden = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {other_key}")
    assert forbidden.status_code == 403
    user = make_user("unit-user")
    EnterpriseAccount.objects.create(user=user, enterprise=unit)
    client.force_login(user)
    assert client.post(url, body, content_type="application/json").status_code == 200


def test_bad_readings_store_nothing(client, unit):
    _, key = MeterToken.issue(unit)
    body = payload(datetime(2024, 6, 1, tzinfo=CHINA), 3)
    body["readings"][1]["start"] = datetime(2024, 6, 1, 0, 7, tzinfo=CHINA).isoformat()
    response = client.post(
        f"/api/enterprises/units/{unit.credit_code}/readings",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 422 and "15-minute grid" in response.json()["detail"]
    assert not Submission.objects.filter(enterprise=unit).exists()


def test_a_month_reported_by_file_is_not_overwritten(client, unit):
    Submission.objects.create(
        enterprise=unit,
        year=2024,
        month=7,
        fuel="electricity",
        quantity=1,
        unit="万千瓦时",
        canonical=10_000,
        source="import",
    )
    _, key = MeterToken.issue(unit)
    response = client.post(
        f"/api/enterprises/units/{unit.credit_code}/readings",
        payload(datetime(2024, 7, 1, tzinfo=CHINA), 2),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 422 and Submission.objects.get(enterprise=unit, month=7).canonical == 10_000
