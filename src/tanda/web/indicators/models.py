"""What the indicators app stores: links of plan targets to catalogue indicators, observed values, grade cache.

The catalogue itself is packaged reference data (`tanda/data/indicators/catalogue.csv`), not a
table: indicators are referred to by their catalogue code. Every change of a user-entered value
(an observation, a person's choice of indicator for a target) is recorded by django-simple-history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tanda.web.core.models import Region
from tanda.web.plans.models import Target


class TargetLink(models.Model):
    """The catalogue indicator a plan target measures, and its number in the indicator's unit."""

    class Status(models.TextChoices):
        AUTO = "auto", _("自动关联")
        REVIEW = "review", _("待人工确认")
        CHOSEN = "chosen", _("人工选定")
        UNTRACKED = "untracked", _("不跟踪")

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="indicator_link")
    indicator = models.CharField(_("指标代码"), max_length=64, blank=True, db_index=True)
    status = models.CharField(_("关联状态"), max_length=10, choices=Status.choices, db_index=True)
    method = models.CharField(_("关联方式"), max_length=10, blank=True)
    score = models.FloatField(_("名称相似度"), default=0.0)
    value = models.FloatField(_("换算后目标值"), null=True, blank=True)
    unit = models.CharField(_("换算后单位"), max_length=32, blank=True)
    relative = models.BooleanField(_("相对基期百分比"), default=False)
    problem = models.TextField(_("问题"), blank=True)
    notes = models.TextField(_("说明"), blank=True)
    signature = models.CharField(max_length=64, editable=False)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("选定人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    chosen_at = models.DateTimeField(_("选定时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target__plan", "target__order", "target_id"]
        verbose_name = _("目标指标关联")
        verbose_name_plural = _("目标指标关联")

    def __str__(self) -> str:
        return f"{self.target.indicator} → {self.indicator or '—'}"

    @property
    def gradable(self) -> bool:
        """Linked by name or by a person: the grade may be computed (a similarity link waits for review)."""
        return bool(self.indicator) and self.status in (self.Status.AUTO, self.Status.CHOSEN)


class Observation(models.Model):
    """One value of one indicator for one region and period, in the catalogue unit of the indicator."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("已报送")
        VERIFIED = "verified", _("已核实")

    class Frequency(models.TextChoices):
        YEAR = "year", _("年度")
        QUARTER = "quarter", _("季度")
        MONTH = "month", _("月度")

    indicator = models.CharField(_("指标代码"), max_length=64)
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("时期"), max_length=7)
    year = models.PositiveSmallIntegerField(_("年份"))
    frequency = models.CharField(_("频度"), max_length=8, choices=Frequency.choices, default=Frequency.YEAR)
    value = models.FloatField(_("数值"))
    unit = models.CharField(_("单位"), max_length=32)
    entered_value = models.FloatField(_("填报数值"), null=True, blank=True)
    entered_unit = models.CharField(_("填报单位"), max_length=32, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.REPORTED)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        ordering = ["region", "indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region", "period"], name="unique_observation_period")
        ]
        indexes = [models.Index(fields=["region", "frequency", "indicator", "year"], name="obs_region_series")]
        verbose_name = _("指标观测值")
        verbose_name_plural = _("指标观测值")

    def __str__(self) -> str:
        return f"{self.indicator} {self.region_id} {self.period} = {self.value:g} {self.unit}"


class GradeCache(models.Model):
    """The stored assessment of one target as of a year, valid while its inputs' fingerprint is unchanged.

    A forecast takes a noticeable fraction of a second; the dashboard shows dozens. The fingerprint
    covers the target, its link and every observed value the assessment reads, so an entry is
    never stale: when an input changes, the fingerprint differs and the assessment is recomputed.
    """

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    as_of = models.PositiveSmallIntegerField()
    fingerprint = models.CharField(max_length=64)
    data = models.JSONField()
    computed = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "as_of"], name="unique_grade_per_target_year")]


class DataRevision(models.Model):
    """A counter bumped whenever anything a grade reads changes (observations, links, targets, plans).

    Summaries over many regions (the map of a province's cities reads thousands of values) are
    cached under the current revision: any change makes a new revision and so a new cache key.
    """

    counter = models.PositiveBigIntegerField(default=0)
