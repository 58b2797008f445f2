"""Stored scenarios: a region's own scenario documents, inheriting from a parent, with every version kept.

A stored scenario keeps only its own document (what it overrides of its parent, without `name` and
`parent`, which are the row's `name` and `parent`); the scenario it means is that document merged
over its parents' (`store.resolved_document`). Each save is a version: simple-history records who
saved what and when, with the share code of the resolved scenario at that moment, so an old
version can be reopened exactly even after its parent has changed.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tanda.web.core.models import Region

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"


class Scenario(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="scenarios")
    name = models.CharField(
        _("情景代号"),
        max_length=64,
        validators=[RegexValidator(NAME_PATTERN, _("只能使用小写字母、数字和连字符，例如 jilin-policy。"))],
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级情景"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # JSON text, not a JSONField: PostgreSQL's jsonb reorders keys, and a mapping's order is part of
    # a scenario (sectors; the canonical form behind share codes and digests)
    document = models.TextField(_("情景文档（本级设定，JSON）"), default="{}", blank=True)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    published = models.BooleanField(_("已公开"), default=False)
    version = models.PositiveIntegerField(_("版本"), default=1)
    # the resolved scenario at the last save: its share code reproduces this version exactly
    code = models.TextField(_("分享码"), editable=False)
    digest = models.CharField(_("摘要"), max_length=16, editable=False)
    peak_year = models.PositiveIntegerField(_("达峰年份（保存时）"), null=True, blank=True, editable=False)
    peak_mt = models.FloatField(_("峰值（保存时，百万吨）"), null=True, blank=True, editable=False)
    updated = models.DateTimeField(_("保存时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("保存者"), null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_scenario_name_per_region")]
        verbose_name = _("情景")
        verbose_name_plural = _("情景")

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name

    def get_absolute_url(self) -> str:
        return reverse("pathways:scenario", args=[self.pk])

    def own(self) -> dict[str, Any]:
        """The own document as a mapping (keys in their order)."""
        return own_document(self.document)

    def ancestors(self) -> list[Scenario]:
        """Parent, grandparent … (nearest first); stops at a loop rather than hanging on bad data."""
        chain: list[Scenario] = []
        current = self.parent
        while current is not None and current not in chain and current != self:
            chain.append(current)
            current = current.parent
        return chain


def own_document(text: str) -> dict[str, Any]:
    """A stored document (of a row or of one of its versions) as a mapping."""
    return json.loads(text or "{}")


def document_text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
