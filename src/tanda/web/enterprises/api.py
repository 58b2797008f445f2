"""JSON API of key energy-using units: the register, monthly energy, and readings from metering systems.

Reading follows the pages' rules (session sign-in; an enterprise user sees only its unit).
Metering systems post readings with a bearer key issued for one unit (`MeterToken`), or as a
signed-in user who may submit for the unit (session, CSRF-checked).
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from tanda.enterprises import Reading
from tanda.web.enterprises.access import can_read_unit, can_submit_for, visible_units
from tanda.web.enterprises.meter import store_readings
from tanda.web.enterprises.models import Enterprise, MeterToken
from tanda.web.enterprises.services import energy_of

router = Router(tags=["enterprises"])


class MeterKey(HttpBearer):
    """`Authorization: Bearer <key>`: the key names one unit."""

    def authenticate(self, request: HttpRequest, token: str):
        found = MeterToken.objects.filter(digest=MeterToken.hash(token)).select_related("enterprise").first()
        if found is None:
            return None
        request.meter_enterprise = found.enterprise
        return found


class UnitOut(Schema):
    credit_code: str
    name: str
    industry: str
    region: str
    band: str
    data_centre: bool
    online_monitoring: bool
    synthetic: bool


class MonthOut(Schema):
    year: int
    month: int
    tce_equivalent: float | None
    tce_substitution: float | None
    co2_t: float | None
    electricity_kwh: float | None


class MonthlyOut(Schema):
    credit_code: str
    months: list[MonthOut]
    warnings: list[str]


class ReadingIn(Schema):
    start: datetime
    quantity: float
    fuel: str
    unit: str
    direction: str = "in"


class ReadingsIn(Schema):
    interval: int = 15
    readings: list[ReadingIn]


class MonthTotalOut(Schema):
    year: int
    month: int
    fuel: str
    direction: str
    quantity: float
    readings: int


class ReadingsOut(Schema):
    accepted: int
    months: list[MonthTotalOut]


def _require_reader(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, "sign in first")


@router.get("/units", response=list[UnitOut], summary="Registered units the caller may see")
def list_units(request: HttpRequest, region: str | None = None):
    _require_reader(request)
    units = visible_units(request.user, Enterprise.objects.all())
    if region:
        units = units.filter(region_id=region)
    return [
        {
            "credit_code": u.credit_code,
            "name": u.name,
            "industry": u.industry,
            "region": u.region_id,
            "band": u.band,
            "data_centre": u.data_centre,
            "online_monitoring": u.online_monitoring,
            "synthetic": u.synthetic,
        }
        for u in units
    ]


@router.get("/units/{credit_code}/monthly", response=MonthlyOut, summary="Monthly tce (both conventions) and CO2")
def monthly(request: HttpRequest, credit_code: str, year: int | None = None):
    _require_reader(request)
    unit = get_object_or_404(Enterprise, credit_code=credit_code.upper())
    if not can_read_unit(request.user, unit):
        raise Http404
    energy = energy_of([unit.pk], [year] if year else None)
    months = [
        {k: (None if v != v else v) for k, v in row.items() if k in MonthOut.model_fields}  # NaN → null
        for row in energy.frame.to_dict("records")
    ]
    return {"credit_code": unit.credit_code, "months": months, "warnings": energy.warnings}


@router.post(
    "/units/{credit_code}/readings",
    response=ReadingsOut,
    auth=[MeterKey(), django_auth],
    summary="Post 15-minute or hourly meter readings; they are summed into the month",
)
def post_readings(request: HttpRequest, credit_code: str, payload: ReadingsIn):
    unit = get_object_or_404(Enterprise, credit_code=credit_code.upper())
    keyed = getattr(request, "meter_enterprise", None)
    if keyed is not None:
        if keyed.pk != unit.pk:
            raise HttpError(403, "this key is for another unit")
    elif not can_read_unit(request.user, unit):
        raise Http404
    elif not can_submit_for(request.user, unit):
        raise HttpError(403, "you may not submit for this unit")
    readings = [Reading(r.start, r.quantity, r.fuel, r.unit, r.direction) for r in payload.readings]
    totals, errors = store_readings(unit, readings, payload.interval, user=request.user)
    if errors:
        raise HttpError(
            422,
            "; ".join(str(e) for e in errors[:20]) + (f" … and {len(errors) - 20} more" if len(errors) > 20 else ""),
        )
    return {
        "accepted": len(readings),
        "months": [
            {
                "year": t.year,
                "month": t.month,
                "fuel": t.fuel,
                "direction": t.direction,
                "quantity": t.canonical,
                "readings": t.readings,
            }
            for t in totals
        ],
    }
