"""Forms of the inventory pages: the activity import and a region's factor override."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tanda.inventory import available_sets, load_factor_set
from tanda.web.core.models import Region
from tanda.web.core.permissions import editable_regions
from tanda.web.inventory.models import FactorOverride
from tanda.web.inventory.overrides import check_entry


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (a balance and a tidy file of cement output, say)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.xlsx,.xlsm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


def factor_set_choices() -> list[tuple[str, str]]:
    return [(name, f"{name} — {load_factor_set(name).title}") for name in available_sets()]


def grid_choices() -> list[tuple[str, str]]:
    names = sorted({g.name for g in load_factor_set().grid if g.scope != "national"})
    return [("national", _("全国电网平均（MEE/NBS）")), *((n, n) for n in names)]


class ImportForm(forms.Form):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("行政区划"))
    files = MultipleFileField(
        label=_("文件"),
        help_text=_(
            "能源平衡表（统计年鉴格式 .xlsx）、明细表（region, year, sector, fuel, quantity, unit 的 .csv/.xlsx）"
            "或 CEADs 排放矩阵；可同时选择多个文件（如平衡表 + 水泥产量、森林蓄积量变化明细）。"
        ),
    )
    factor_set = forms.ChoiceField(label=_("排放因子集"), initial="guideline")
    use_overrides = forms.BooleanField(label=_("使用本地区的地方排放因子"), required=False, initial=True)
    grid = forms.ChoiceField(label=_("调入电力排放因子"), initial="national")
    year = forms.IntegerField(
        label=_("年份"), required=False, min_value=1990, max_value=2100, help_text=_("仅当平衡表标题中没有年份时填写")
    )
    note = forms.CharField(label=_("备注"), required=False, max_length=500)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = editable_regions(user)
        self.fields["region"].queryset = regions
        own = getattr(getattr(user, "profile", None), "region_id", None)
        if own:
            self.fields["region"].initial = own
        self.fields["factor_set"].choices = factor_set_choices()
        self.fields["grid"].choices = grid_choices()


class OverrideForm(forms.ModelForm):
    class Meta:
        model = FactorOverride
        fields = ["item", "parameter", "value", "unit", "note", "active"]

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        override, problems = check_entry(
            data["item"], data["parameter"], data["value"], data.get("unit", ""), data.get("note", "")
        )
        for name, message in problems.items():
            self.add_error(name if name in self.fields else None, message)
        if override is None:
            return data
        self.instance.target = override.item
        if data.get("active"):
            clash = FactorOverride.objects.filter(
                region=self.region, target=override.item, parameter=data["parameter"], active=True
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "parameter",
                    _("本地区已有启用的同一参数：%(other)s。请先停用它，或修改它。") % {"other": clash.first()},
                )
        return data
