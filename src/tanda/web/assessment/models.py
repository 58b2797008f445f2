"""What the assessment app stores: schemes (YAML, as the office wrote them), assessments, subjects and inputs.

Inputs for a region and a catalogue indicator are read from the indicators app's observations when
the assessment has none of its own (`services.inputs`); the `Value` rows here hold what is entered
for the assessment itself: values of indicators outside the catalogue (a category index, a task
completion rate), last year's value, targets for the completion rule, and every value of a
department assessment. A missing value is a missing row or an empty field, never 0.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tanda.assessment.scheme import Scheme as DomainScheme
from tanda.assessment.scheme import SchemeError, load_scheme_text
from tanda.web.core.models import Department, Region


class Scheme(models.Model):
    name = models.CharField(_("名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("适用年度"), null=True, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("所属地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("维护该方案的地区；为空时仅管理员可修改"),
    )
    definition = models.TextField(_("方案定义（YAML）"))
    packaged_key = models.CharField(_("来源的内置方案"), max_length=64, blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建者"), null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("评价方案")
        verbose_name_plural = _("评价方案")

    def __str__(self) -> str:
        return f"{self.name}（{self.year}）" if self.year else self.name

    def parsed(self) -> DomainScheme:
        """The checked scheme; SchemeError if the stored text no longer parses."""
        return load_scheme_text(self.definition)

    def clean(self) -> None:
        try:
            self.parsed()
        except SchemeError as exc:
            raise ValidationError({"definition": str(exc)}) from exc

    def get_absolute_url(self) -> str:
        return reverse("assessment:scheme", args=[self.pk])


class Assessment(models.Model):
    class SubjectKind(models.TextChoices):
        REGION = "region", _("下级地区")
        DEPARTMENT = "department", _("本级部门")

    title = models.CharField(_("标题"), max_length=200)
    year = models.PositiveSmallIntegerField(_("评价年度"))
    scheme = models.ForeignKey(Scheme, verbose_name=_("评价方案"), on_delete=models.PROTECT, related_name="assessments")
    region = models.ForeignKey(Region, verbose_name=_("组织评价的地区"), on_delete=models.PROTECT, related_name="+")
    subject_kind = models.CharField(_("评价对象"), max_length=12, choices=SubjectKind.choices)
    published = models.BooleanField(_("已公开"), default=False)
    note = models.TextField(_("说明"), blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建者"), null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("考核评价")
        verbose_name_plural = _("考核评价")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:detail", args=[self.pk])


class Subject(models.Model):
    """One assessed region or department."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="subjects")
    region = models.ForeignKey(Region, verbose_name=_("地区"), null=True, blank=True, on_delete=models.PROTECT)
    department = models.ForeignKey(Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region__isnull=False, department__isnull=True)
                | models.Q(region__isnull=True, department__isnull=False),
                name="subject_is_region_or_department",
            )
        ]
        verbose_name = _("评价对象")
        verbose_name_plural = _("评价对象")

    @property
    def name(self) -> str:
        return self.region.name if self.region_id else self.department.name

    @property
    def key(self) -> str:
        return self.region_id if self.region_id else f"dept-{self.department_id}"

    def __str__(self) -> str:
        return self.name


class Value(models.Model):
    """An input entered for the assessment; empty fields are "no data"."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="values")
    indicator = models.CharField(_("指标代码"), max_length=64)
    value = models.FloatField(_("数值"), null=True, blank=True)
    previous = models.FloatField(_("上年数值"), null=True, blank=True)
    target = models.FloatField(_("目标值"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["subject", "indicator"]
        constraints = [models.UniqueConstraint(fields=["subject", "indicator"], name="unique_value_per_indicator")]
        verbose_name = _("评价数据")
        verbose_name_plural = _("评价数据")

    def __str__(self) -> str:
        return f"{self.subject} {self.indicator} = {self.value}"
