"""Forms of the observation pages: one value, and an import file. The checks themselves are in `store`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanda.indicators import load_catalogue
from tanda.web.indicators.models import Observation


def indicator_choices() -> list[tuple[str, str]]:
    return [(ind.code, f"{ind.name_zh}（{ind.unit or '—'}）") for ind in load_catalogue()]


class ObservationForm(forms.Form):
    region = forms.CharField(label=_("行政区划代码"), max_length=6, help_text=_("如 220000（吉林省）"))
    indicator = forms.ChoiceField(label=_("指标"), choices=indicator_choices)
    period = forms.CharField(label=_("时期"), max_length=16, help_text=_("年份 2023、季度 2023Q2 或月份 2023-06"))
    value = forms.CharField(label=_("数值"), max_length=32)
    unit = forms.CharField(
        label=_("单位"), max_length=32, required=False, help_text=_("可填可换算的单位，如 万个、万千瓦")
    )
    source = forms.CharField(label=_("来源"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=Observation.Status.choices, initial=Observation.Status.REPORTED)
    replace = forms.BooleanField(label=_("替换已存储的数值"), required=False)

    def row(self) -> dict[str, object]:
        data = self.cleaned_data
        return {k: data[k] for k in ("region", "indicator", "period", "value", "unit", "source", "status")}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 或 CSV 文件"), help_text=_("第一行为表头：指标、地区、时期、数值、单位、来源、状态")
    )
    region = forms.CharField(
        label=_("默认行政区划代码"), max_length=6, required=False, help_text=_("未填“地区”列的行使用此地区")
    )
    source = forms.CharField(label=_("默认来源"), max_length=200, required=False)
    replace = forms.BooleanField(label=_("替换已存储的数值"), required=False)
