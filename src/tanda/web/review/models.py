"""What the review app stores: each region's department mapping table and the allocations of parent targets.

Reviews themselves are not stored: they are computed from the two plans as they stand, so a corrected
target changes the review at once. User-entered values keep their change history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tanda.web.core.models import Region
from tanda.web.plans.models import Target


class DepartmentMapping(models.Model):
    """One correspondence of a region's department mapping table (used when it reviews the plans below it)."""

    region = models.ForeignKey(
        Region, verbose_name=_("审核地区"), on_delete=models.PROTECT, related_name="department_mappings"
    )
    parent_name = models.CharField(_("上级部门"), max_length=128)
    child_name = models.CharField(_("下级对应部门"), max_length=128)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "parent_name", "child_name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "parent_name", "child_name"], name="unique_department_mapping")
        ]
        verbose_name = _("部门对应关系")
        verbose_name_plural = _("部门对应关系")

    def __str__(self) -> str:
        return f"{self.parent_name} → {self.child_name}"


class Allocation(models.Model):
    """A parent plan's target split among child regions, or the children's own targets to aggregate."""

    class Method(models.TextChoices):
        EQUAL = "equal", _("平均分解")
        WEIGHTS = "weights", _("按权重分解（如地区生产总值、排放量）")
        SHARES = "shares", _("按比例分解（%，合计100%）")
        MANUAL = "manual", _("逐个填写")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("总量：下级合计")
        GDP_WEIGHTED = "gdp_weighted", _("强度：按地区生产总值加权")
        ENERGY_WEIGHTED = "energy_weighted", _("比重：按能源消费量加权")
        INTENSITY_REDUCTION = "intensity_reduction", _("强度降幅：按基年能源消费量加权")

    target = models.ForeignKey(Target, verbose_name=_("上级目标"), on_delete=models.CASCADE, related_name="allocations")
    method = models.CharField(_("分解方式"), max_length=10, choices=Method.choices, default=Method.EQUAL)
    aggregation = models.CharField(_("汇总方式"), max_length=20, choices=Aggregation.choices, default=Aggregation.SUM)
    basis = models.CharField(_("权重依据"), max_length=120, blank=True, help_text=_("如：2022年地区生产总值（亿元）"))
    note = models.TextField(_("备注"), blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建者"), null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("目标分解")
        verbose_name_plural = _("目标分解")

    def __str__(self) -> str:
        return f"{self.target.indicator} ({self.target.year})"

    def get_absolute_url(self) -> str:
        return reverse("review:allocation", args=[self.pk])


class AllocationShare(models.Model):
    """One child region's weight and value in an allocation; empty means not known (never 0)."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="shares")
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.PROTECT)
    weight = models.FloatField(_("权重"), null=True, blank=True)
    value = models.FloatField(_("数值"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["allocation", "region"]
        constraints = [models.UniqueConstraint(fields=["allocation", "region"], name="unique_share_per_region")]
        verbose_name = _("分解份额")
        verbose_name_plural = _("分解份额")

    def __str__(self) -> str:
        return f"{self.region.name}: {self.value}"
