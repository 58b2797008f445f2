"""Key energy-using units, their monthly submissions and meter readings, two-high projects, caps.

Submissions are stored as entered (quantity and unit as written) and in the fuel's canonical
unit, so that a number can be traced to what the unit reported. Bulk imports write many rows at
once (COPY on PostgreSQL); their provenance is the `ImportBatch` each row points to, while
changes made one by one (the web form) are kept by django-simple-history.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tanda.enterprises import bands as consumption_bands
from tanda.enterprises.benchmarks import ENTERED, LEVEL_FIELDS, Benchmark
from tanda.enterprises.submissions import (
    KEY_MONTH_BITS,
    KEY_MONTH_SHIFT,
    KEY_UNIT_SHIFT,
    KEY_YEAR_BITS,
    KEY_YEAR_SHIFT,
    KEY_YEAR_ZERO,
    key_of,
    key_range,
)
from tanda.web.core.models import Region


class Enterprise(models.Model):
    """A key energy-using unit (重点用能单位), identified by its unified social credit code."""

    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("单位名称"), max_length=200)
    industry = models.CharField(_("行业代码（GB/T 4754）"), max_length=5)
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="enterprises")
    address = models.CharField(_("地址"), max_length=300, blank=True)
    contact = models.CharField(_("联系人及电话"), max_length=200, blank=True)
    band = models.CharField(_("年综合能耗规模"), max_length=20, blank=True, choices=consumption_bands())
    data_centre = models.BooleanField(_("数据中心"), default=False)
    online_monitoring = models.BooleanField(_("已接入能耗在线监测"), default=False)
    synthetic = models.BooleanField(_("合成数据"), default=False, help_text=_("演示用合成数据，非真实企业。"))
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["credit_code"]
        verbose_name = _("重点用能单位")
        verbose_name_plural = _("重点用能单位")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:unit", args=[self.credit_code])


class EnterpriseAccount(models.Model):
    """The link from a user to the one unit it reports for: such a user sees only that unit."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enterprise_account")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="accounts")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("企业账号")
        verbose_name_plural = _("企业账号")

    def __str__(self) -> str:
        return f"{self.user} → {self.enterprise}"


class ImportBatch(models.Model):
    """One imported file: who, when, what (digest) and how many rows; the provenance of bulk rows."""

    class Kind(models.TextChoices):
        UNITS = "units", _("单位名录")
        SUBMISSIONS = "submissions", _("能耗数据")
        METER = "meter", _("在线监测")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    source_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source_name} ({self.rows})"


class SubmissionQuerySet(models.QuerySet):
    def of_unit(self, unit_id: int, year: int | None = None) -> SubmissionQuerySet:
        """A unit's rows (of one year): one range of the primary key, so an index scan."""
        first, past = key_range(unit_id, year)
        return self.filter(key__gte=first, key__lt=past)

    def of_units(self, unit_ids: Iterable[int], years: Iterable[int] | None = None) -> SubmissionQuerySet:
        """Several units' rows (of some years): one key range per unit and year."""
        ranges = Q()
        for unit_id in sorted(set(unit_ids)):
            for year in sorted(set(years)) if years is not None else [None]:
                first, past = key_range(unit_id, year)
                ranges |= Q(key__gte=first, key__lt=past)
        return self.filter(ranges) if ranges else self.none()

    def at(self, unit_id: int, year: int, month: int, fuel: str, direction: str) -> SubmissionQuerySet:
        return self.filter(key=key_of(unit_id, year, month, fuel, direction))


def _key_matches_columns() -> Q:
    """The database checks that the key packs this row's unit, year, month and direction (the fuel's code
    is tanda's data, checked when the key is made), so the key's uniqueness is the columns' uniqueness."""
    key = F("key")
    out = Exact(key.bitand(1), 1)
    return (
        Q(enterprise_id=key.bitrightshift(KEY_UNIT_SHIFT))
        & Q(year=key.bitrightshift(KEY_YEAR_SHIFT).bitand((1 << KEY_YEAR_BITS) - 1) + KEY_YEAR_ZERO)
        & Q(month=key.bitrightshift(KEY_MONTH_SHIFT).bitand((1 << KEY_MONTH_BITS) - 1))
        & ((Q(direction="out") & Q(out)) | (Q(direction="in") & ~Q(out)))
    )


class Submission(models.Model):
    """A unit's quantity of one fuel in one month and direction (in: bought/used; out: sold/passed on).

    The primary key is `key`, the (unit, year, month, fuel, direction) packed into one integer by
    `tanda.enterprises.submissions.submission_key`: it is the database's guarantee of one row per
    unit-month-fuel-direction, and the only index the bulk import has to maintain. A stored row's
    key columns never change; a correction changes its quantity.
    """

    class Source(models.TextChoices):
        IMPORT = "import", _("文件导入")
        FORM = "form", _("网页填报")
        METER = "meter", _("在线监测")

    key = models.BigIntegerField(primary_key=True, editable=False)
    # No database-level foreign keys: bulk imports store millions of rows, and a per-row check by the
    # database would cost more than the whole import; the importer only writes ids it has just read
    # from the register, and deleting a unit still cascades (Django does it).
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="submissions", db_constraint=False, db_index=False
    )  # a unit's rows are a range of the key: Submission.objects.of_unit()
    year = models.PositiveSmallIntegerField(_("年"))
    month = models.PositiveSmallIntegerField(_("月"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    fuel = models.CharField(_("能源品种"), max_length=40)  # inventory fuel id
    direction = models.CharField(_("方向"), max_length=3, default="in")
    quantity = models.FloatField(_("数量"), validators=[MinValueValidator(0)])
    unit = models.CharField(_("计量单位"), max_length=20)
    canonical = models.FloatField(_("折标准计量单位数量"))
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.FORM)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, db_constraint=False, db_index=False
    )
    history = HistoricalRecords()

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        constraints = [models.CheckConstraint(condition=_key_matches_columns(), name="submission_key_matches_columns")]
        verbose_name = _("能耗填报")
        verbose_name_plural = _("能耗填报")

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year}-{self.month:02d} {self.fuel} {self.quantity} {self.unit}"

    def save(self, *args, **kwargs) -> None:
        key = key_of(self.enterprise_id, self.year, self.month, self.fuel, self.direction)
        if self._state.adding:
            self.key = key
        elif key != self.key:
            raise ValueError("a stored submission's unit, year, month, fuel and direction do not change")
        super().save(*args, **kwargs)


class MeterReading(models.Model):
    """One interval reading from a metering system; the month's submission is the sum of them."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="readings")
    start = models.DateTimeField()
    interval = models.PositiveSmallIntegerField()  # minutes
    fuel = models.CharField(max_length=40)
    direction = models.CharField(max_length=3, default="in")
    canonical = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "fuel", "direction", "start"], name="one_reading_per_interval"
            )
        ]


class Output(models.Model):
    """A unit's output of a product (or its value added) in a month: the denominator of intensity."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="outputs")
    year = models.PositiveSmallIntegerField(_("年"))
    month = models.PositiveSmallIntegerField(_("月"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    product = models.CharField(_("产品"), max_length=40)  # a benchmark product id, or "value_added"
    quantity = models.FloatField(_("产量"), validators=[MinValueValidator(0)])
    unit = models.CharField(_("计量单位"), max_length=20)
    history = HistoricalRecords()

    class Meta:
        ordering = ["enterprise", "year", "month", "product"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year", "month", "product"], name="one_output_per_month")
        ]
        verbose_name = _("产品产量")
        verbose_name_plural = _("产品产量")


class Project(models.Model):
    """A two-high project (两高项目) on the managed list."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("拟建")
        UNDER_CONSTRUCTION = "under_construction", _("在建")
        OPERATING = "operating", _("存量（已投产）")

    name = models.CharField(_("项目名称"), max_length=200)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("建设单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="two_high_projects"
    )
    industry = models.CharField(_("行业代码（GB/T 4754）"), max_length=5)
    product = models.CharField(_("主要产品"), max_length=40)  # a benchmark product id
    capacity = models.FloatField(_("设计产能"), null=True, blank=True)
    capacity_unit = models.CharField(_("产能单位"), max_length=20, blank=True, default="万吨/年")
    design_energy_tce = models.FloatField(
        _("设计年综合能耗（吨标准煤，当量值）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("拟建、在建项目必填（节能审查的数字）；已投产的存量项目可不填，以实测能耗监测。"),
    )
    design_co2_t = models.FloatField(_("设计年二氧化碳排放（吨）"), null=True, blank=True)
    design_unit_consumption = models.FloatField(_("设计单位产品能耗"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    approvals = models.TextField(_("审批情况"), blank=True, help_text=_("节能审查、环评、核准/备案文号等。"))
    start_year = models.PositiveSmallIntegerField(_("投产年份"), null=True, blank=True)
    synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("两高项目")
        verbose_name_plural = _("两高项目")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:project", args=[self.pk])


class RegionCap(models.Model):
    """A region's energy and carbon caps for a year, and what is already used or committed."""

    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="caps")
    year = models.PositiveSmallIntegerField(_("年份"))
    energy_cap_tce = models.FloatField(_("能耗总量上限（吨标准煤）"), null=True, blank=True)
    energy_used_tce = models.FloatField(_("已用能耗（吨标准煤）"), null=True, blank=True)
    carbon_cap_t = models.FloatField(_("碳排放总量上限（吨二氧化碳）"), null=True, blank=True)
    carbon_used_t = models.FloatField(_("已排放（吨二氧化碳）"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="one_cap_per_region_year")]
        verbose_name = _("总量控制额度")
        verbose_name_plural = _("总量控制额度")

    def __str__(self) -> str:
        return f"{self.region.name} {self.year}"


def _longest(field: str) -> int:
    return LEVEL_FIELDS[field][1] or 0


class EnteredLevel(models.Model):
    """A benchmark and baseline level entered by an office from the document it holds, with its citation.

    The package ships only levels confirmed against a public page; the rest (and provinces' stricter
    local levels) are entered here. `region` empty means a national level (the NDRC tables); a
    region's level applies to it and the regions below it (see `levels.LevelBook`). The values are
    checked by the domain (`tanda.enterprises.benchmarks.entered_level`) before they are stored; a
    correction is an update, whose old values django-simple-history keeps.
    """

    product = models.CharField(_("产品代码"), max_length=_longest("product"))
    field_zh = models.CharField(_("领域"), max_length=_longest("field_zh"))
    product_zh = models.CharField(_("产品名称"), max_length=_longest("product_zh"))
    product_en = models.CharField(_("英文名称"), max_length=_longest("product_en"), blank=True)
    indicator_zh = models.CharField(_("指标"), max_length=_longest("indicator_zh"))
    unit = models.CharField(_("单位"), max_length=_longest("unit"))
    benchmark = models.FloatField(_("标杆水平"))
    baseline = models.FloatField(_("基准水平"))
    edition = models.PositiveSmallIntegerField(
        _("版本年份"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    document = models.CharField(_("文件"), max_length=_longest("document"), help_text=_("如 发改产业〔2023〕723号"))
    deadline = models.DateField(_("改造或退出期限"))
    division = models.CharField(_("行业大类（GB/T 4754）"), max_length=_longest("division"))
    region = models.ForeignKey(
        Region,
        verbose_name=_("适用地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entered_levels",
        help_text=_("空：全国（国家文件）；选定地区：该地区及其下级地区。"),
    )
    citation = models.CharField(
        _("出处"), max_length=_longest("citation"), help_text=_("数值在文件中的位置，如 附件1 表1 第3行。")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entered_levels",
    )
    created = models.DateTimeField(_("录入时间"), auto_now_add=True)
    changed = models.DateTimeField(_("修改时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "-edition", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "edition", "region"],
                condition=Q(region__isnull=False),
                name="one_entered_level_per_product_edition_region",
                violation_error_message=_("该地区已有同一产品、同一版本的水平；请修改那一条。"),
            ),
            models.UniqueConstraint(
                fields=["product", "edition"],
                condition=Q(region__isnull=True),
                name="one_national_entered_level_per_product_edition",
                violation_error_message=_("已有同一产品、同一版本的全国水平；请修改那一条。"),
            ),
            models.CheckConstraint(
                condition=Q(benchmark__lt=F("baseline")),
                name="entered_level_benchmark_below_baseline",
                violation_error_message=_("标杆水平须低于基准水平。"),
            ),
        ]
        verbose_name = _("录入的能效水平")
        verbose_name_plural = _("录入的能效水平")

    def __str__(self) -> str:
        return f"{self.product_zh} {self.edition} ({self.region_id or 'national'})"

    def values(self) -> dict[str, object]:
        """The level's fields as the domain's validator takes them."""
        return {name: getattr(self, name) for name in LEVEL_FIELDS}

    def as_benchmark(self) -> Benchmark:
        """The level as the domain screens against it (status `entered`, source = the citation)."""
        return Benchmark(
            product=self.product,
            field_zh=self.field_zh,
            product_zh=self.product_zh,
            product_en=self.product_en,
            indicator_zh=self.indicator_zh,
            unit=self.unit,
            benchmark=self.benchmark,
            baseline=self.baseline,
            better="lower",
            edition=self.edition,
            document=self.document,
            deadline=self.deadline,
            division=self.division,
            status=ENTERED,
            source=self.citation,
        )


class MeterToken(models.Model):
    """A metering system's key for posting readings of one unit (only its SHA-256 is stored)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="meter_tokens")
    label = models.CharField(_("名称"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("在线监测接口密钥")
        verbose_name_plural = _("在线监测接口密钥")

    @staticmethod
    def hash(token: str) -> str:
        import hashlib

        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, enterprise: Enterprise, label: str = "") -> tuple[MeterToken, str]:
        """A new key; the plain text is returned once and never stored."""
        import secrets

        token = secrets.token_urlsafe(24)
        return cls.objects.create(enterprise=enterprise, label=label, digest=cls.hash(token)), token
