"""What the inventory app stores: computed and published inventories, and regional factor overrides.

An `Inventory` is one region-year as computed (or as published, entered as emissions). It keeps the
domain result exactly (`record`, see `records.py`), the activity it came from, the factor set's
description with every override it used, and the derived indicators. Inventories are never
rewritten: computing again (another factor set, new overrides) makes a new one.

A `FactorOverride` is a region's own number in place of a reference one (a measured local coal NCV);
the reference sets are packaged files and cannot be edited at all. Every change of an override is
kept by django-simple-history, so an inventory's recorded override can be traced to who entered it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tanda.web.core.models import Region


class FactorOverride(models.Model):
    class Parameter(models.TextChoices):
        NCV = "ncv", _("低位发热量")
        CARBON = "carbon_content", _("单位热值含碳量")
        OXIDATION = "oxidation", _("碳氧化率")
        EF = "ef", _("排放因子")
        KGCE = "kgce", _("折标准煤系数")
        FACTOR = "factor", _("过程或碳汇因子")
        RATE = "rate", _("发电煤耗")

    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="factor_overrides"
    )
    item = models.CharField(
        _("项目"), max_length=64, help_text=_("能源品种（如 原煤）、电网、发电煤耗、热力、水泥、森林蓄积量变化")
    )
    target = models.CharField(_("对应编码"), max_length=32, editable=False)
    parameter = models.CharField(_("参数"), max_length=16, choices=Parameter.choices)
    value = models.FloatField(_("数值"))
    unit = models.CharField(_("单位"), max_length=32, blank=True, help_text=_("如 GJ/t、kg/kWh、gce/kWh、%"))
    note = models.CharField(_("来源说明"), max_length=300, help_text=_("数值的出处，如“2023年省煤质监测均值”"))
    active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["region", "target", "parameter"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "target", "parameter"],
                condition=models.Q(active=True),
                name="one_active_override_per_parameter",
            )
        ]
        verbose_name = _("地方排放因子")
        verbose_name_plural = _("地方排放因子")

    def __str__(self) -> str:
        return f"{self.region_id} {self.item} {self.get_parameter_display()} = {self.value:g} {self.unit}"

    def as_row(self) -> dict[str, str]:
        """The override as the domain reads it (`overrides_from_rows`)."""
        return {
            "item": self.item,
            "parameter": self.parameter,
            "value": repr(self.value),
            "unit": self.unit,
            "note": self.note,
        }


class Inventory(models.Model):
    class Kind(models.TextChoices):
        COMPUTED = "computed", _("核算清单")
        PUBLISHED = "published", _("已发布清单")

    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="inventories")
    year = models.PositiveSmallIntegerField(_("年份"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    factor_set = models.CharField(_("排放因子集"), max_length=32, blank=True)
    factor_digest = models.CharField(_("因子集摘要"), max_length=12, blank=True)
    factor_info = models.JSONField(_("因子集与地方因子"), default=dict)
    grid = models.CharField(_("电网排放因子"), max_length=64, blank=True)
    source_label = models.CharField(_("来源"), max_length=64)
    source_name = models.CharField(_("源文件"), max_length=255)
    layout = models.CharField(_("文件格式"), max_length=16)
    activity_sha256 = models.CharField(max_length=64, editable=False)
    total_kg = models.BigIntegerField(_("范围一排放（kg）"))
    combustion_kg = models.BigIntegerField(_("能源活动（kg）"))
    process_kg = models.BigIntegerField(_("工业过程（kg）"))
    scope2_kg = models.BigIntegerField(_("调入电力热力（kg）"), null=True, blank=True)
    sinks_kg = models.BigIntegerField(_("碳汇（kg）"), default=0)
    energy_equivalent_tce = models.FloatField(_("能源消费量（电热当量法，tce）"), null=True, blank=True)
    energy_coal_substitution_tce = models.FloatField(_("能源消费量（发电煤耗法，tce）"), null=True, blank=True)
    record = models.JSONField(editable=False)
    activity = models.JSONField(editable=False)
    indicators = models.JSONField(_("派生指标"), default=list, editable=False)
    note = models.TextField(_("备注"), blank=True)
    created = models.DateTimeField(_("导入时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入者"), null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords(excluded_fields=["record", "activity", "indicators", "factor_info", "created"])

    class Meta:
        ordering = ["region", "-year", "kind", "factor_set", "-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "kind", "factor_digest", "activity_sha256"], name="unique_inventory_content"
            )
        ]
        indexes = [models.Index(fields=["region", "year"], name="inventory_region_year")]
        verbose_name = _("排放清单")
        verbose_name_plural = _("排放清单")

    def __str__(self) -> str:
        return f"{self.region.name} {self.year} {self.method_label}"

    def get_absolute_url(self) -> str:
        return reverse("inventory:detail", args=[self.pk])

    @property
    def method_label(self) -> str:
        """'guideline', 'guideline + 2 项地方因子' or 'CEADs（已发布）': how the numbers were made."""
        if self.kind == self.Kind.PUBLISHED:
            return _("%(source)s（已发布）") % {"source": self.source_label}
        n = len(self.factor_info.get("overrides", []))
        if n:
            return _("%(set)s + %(n)s 项地方因子") % {"set": self.factor_set, "n": n}
        return self.factor_set

    @property
    def observation_source(self) -> str:
        """How an observation written from this inventory names it: 'inventory 12 (guideline)'."""
        what = self.source_label if self.kind == self.Kind.PUBLISHED else self.factor_set
        return f"inventory {self.pk} ({what})"

    @property
    def series_key(self) -> tuple[str, str, str]:
        """Inventories of one region compared across years must be made alike: same kind, set and source."""
        label = self.source_label if self.kind == self.Kind.PUBLISHED else ""
        return (self.kind, self.factor_digest, label)

    @property
    def total_t(self) -> float:
        return self.total_kg / 1000
