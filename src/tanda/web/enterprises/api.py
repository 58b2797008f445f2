"""JSON API of key energy-using units: the register, monthly energy, and readings from metering systems.

Reading follows the pages' rules (session sign-in; an enterprise user sees only its unit).
Metering systems post readings with a bearer key issued for one unit (`MeterToken`), or as a
signed-in user who may submit for the unit (session, CSRF-checked). Benchmark and baseline levels
are listed (packaged and entered, each with its source) and entered under the levels page's rules;
a level the domain refuses is a 422 naming each field. Two-high projects are listed with their
screening class, the level it is against and their share of the region's remaining allowance,
as on the list page.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from tanda.enterprises import Reading
from tanda.enterprises.benchmarks import LevelError, entered_level
from tanda.enterprises.registry import resolve_region
from tanda.web.enterprises.access import can_read_unit, can_submit_for, visible_projects, visible_units
from tanda.web.enterprises.levels import AppliedLevel, LevelBook, can_edit_level, entered_applied, may_enter_levels
from tanda.web.enterprises.levels_files import fill_level
from tanda.web.enterprises.meter import store_readings
from tanda.web.enterprises.models import EnteredLevel, Enterprise, MeterToken, Project
from tanda.web.enterprises.project_records import level_record, project_record
from tanda.web.enterprises.services import SCREENING_TABS, energy_of, project_views

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


class LevelOut(Schema):
    origin: str  # "packaged" (confirmed against a public page) or "entered" (by an office, from its document)
    id: int | None
    product: str
    field_zh: str
    product_zh: str
    product_en: str
    indicator_zh: str
    unit: str
    benchmark: float
    baseline: float
    edition: int
    document: str
    deadline: date
    division: str
    region: str | None  # None: national
    citation: str  # packaged: the key in PROVENANCE.md; entered: where in the document
    entered_by: str | None
    changed: datetime | None
    source: str  # one line saying where the numbers come from


class LevelIn(Schema):
    """A level as entered; loosely typed so that the domain's checks name every wrong field alike."""

    product: str | None = None
    field_zh: str | None = None
    product_zh: str | None = None
    product_en: str | None = None
    indicator_zh: str | None = None
    unit: str | None = None
    benchmark: float | str | None = None
    baseline: float | str | None = None
    edition: int | str | None = None
    document: str | None = None
    deadline: date | str | None = None
    division: str | None = None
    region: str | None = None  # a six-digit code or a division's exact name; empty: national (administrators)
    citation: str | None = None


class FieldError(Schema):
    field: str
    message: str


class ErrorsOut(Schema):
    errors: list[FieldError]


@router.get("/levels", response=list[LevelOut], summary="Benchmark and baseline levels: packaged and entered")
def list_levels(request: HttpRequest, product: str | None = None, origin: str | None = None):
    _require_reader(request)
    book = LevelBook.load()
    out = [level_record(AppliedLevel(ref, "packaged", ref.source)) for ref in book.packaged.values()]
    entered = EnteredLevel.objects.select_related("region", "entered_by").order_by("product", "region", "-edition")
    out += [level_record(entered_applied(level)) for level in entered]
    return [o for o in out if (not product or o["product"] == product) and (not origin or o["origin"] == origin)]


@router.get(
    "/levels/applicable", response=LevelOut, summary="The level a project of a product in a region is screened against"
)
def applicable_level(request: HttpRequest, product: str, region: str):
    _require_reader(request)
    found = LevelBook.load().applies(product, region)
    if found is None:
        raise HttpError(404, f"no level for product {product!r}")
    return level_record(found)


@router.post(
    "/levels",
    response={201: LevelOut, 422: ErrorsOut},
    auth=django_auth,
    summary="Enter a level from the document an office holds (citation required)",
)
def create_level(request: HttpRequest, payload: LevelIn):
    if not may_enter_levels(request.user):
        raise HttpError(403, "only administrators and offices enter levels")
    values = payload.dict()
    region_text = (values.pop("region") or "").strip()
    region = resolve_region(region_text) if region_text else None
    errors = []
    if region_text and region is None:
        errors.append({"field": "region", "message": f"{region_text!r} is not a GB/T 2260 division code or name"})
    try:
        ref = entered_level(values)
    except LevelError as exc:
        errors += [{"field": p.field, "message": p.message} for p in exc.problems]
    if errors:
        return Status(422, {"errors": errors})
    if not can_edit_level(request.user, region):
        raise HttpError(403, f"you may not enter levels for {region or 'the whole country'}")
    if EnteredLevel.objects.filter(product=ref.product, edition=ref.edition, region_id=region).exists():
        message = "this product, edition and region already have a level; correct that one on the levels page"
        return Status(422, {"errors": [{"field": f, "message": message} for f in ("product", "edition", "region")]})
    level = EnteredLevel()
    fill_level(level, ref, region, request.user)
    level._change_reason = "API"
    try:
        with transaction.atomic():
            level.save()
    except IntegrityError:
        message = "this product, edition and region were entered meanwhile"
        return Status(422, {"errors": [{"field": f, "message": message} for f in ("product", "edition", "region")]})
    level = EnteredLevel.objects.select_related("region", "entered_by").get(pk=level.pk)
    return Status(201, level_record(entered_applied(level)))


class ScreeningOut(Schema):
    basis: str  # "design" (the project's design figure) or "measured" (its unit's submissions and output)
    value: float
    unit: str
    screening_class: str  # above_benchmark, between or below_baseline
    deadline: date | None  # to renovate or exit, below the baseline only


class ShareOut(Schema):
    cap: float
    used: float
    remaining: float
    project: float
    share: float | None  # of what remains under the cap; null when nothing remains
    exceeds: bool


class ProjectOut(Schema):
    id: int
    name: str
    credit_code: str | None
    region: str
    industry: str
    product: str
    status: str
    capacity: float | None
    capacity_unit: str
    design_energy_tce: float | None
    design_co2_t: float | None
    screening_class: str  # the measured class of an operating project, else the design class; or "unscreened"
    screenings: list[ScreeningOut]
    level: LevelOut | None
    energy_share: ShareOut | None
    carbon_share: ShareOut | None
    synthetic: bool


@router.get("/projects", response=list[ProjectOut], summary="Two-high projects with their screening and budget shares")
def list_projects(
    request: HttpRequest,
    region: str | None = None,
    status: str | None = None,
    screening_class: str | None = None,
):
    """`region` includes the regions below it; `screening_class` as in the list page's tabs."""
    _require_reader(request)
    if status and status not in Project.Status.values:
        raise HttpError(422, f"status {status!r} is not one of {', '.join(Project.Status.values)}")
    if screening_class and screening_class not in SCREENING_TABS:
        raise HttpError(422, f"screening_class {screening_class!r} is not one of {', '.join(SCREENING_TABS)}")
    visible = visible_projects(request.user, Project.objects.all())
    views = project_views(visible, region=region or "", status=status or "")
    return [project_record(v) for v in views if not screening_class or v.screening_class == screening_class]


@router.get("/projects/{project_id}", response=ProjectOut, summary="One two-high project")
def project_detail(request: HttpRequest, project_id: int):
    _require_reader(request)
    projects = visible_projects(request.user, Project.objects.filter(pk=project_id))
    views = project_views(projects)
    if not views:
        raise Http404
    return project_record(views[0])
