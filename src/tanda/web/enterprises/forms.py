"""Forms of the enterprise pages; each checks its values with the domain's own rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanda.enterprises import credit_code_problem, industry_problem, normalize_credit_code
from tanda.enterprises.benchmarks import LEVEL_FIELDS, LevelError, entered_level
from tanda.enterprises.submissions import ENERGY_CATEGORIES
from tanda.inventory.activity import to_canonical
from tanda.inventory.fuels import all_fuels, resolve_fuel
from tanda.units import UnitError
from tanda.web.enterprises.levels import LevelBook
from tanda.web.enterprises.models import EnteredLevel, Enterprise, Output, Project, RegionCap


def fuel_choices() -> list[tuple[str, str]]:
    return [(f.id, f"{f.name_zh}（{f.unit}）") for f in all_fuels().values() if f.category in ENERGY_CATEGORIES]


def product_choices(with_value_added: bool = False) -> list[tuple[str, str]]:
    """Packaged products and those only entered levels know; read per form, so a new level is selectable at once."""
    out = [(p.product, f"{p.product_zh}（{p.unit}）") for p in LevelBook.load().products().values()]
    if with_value_added:
        out.insert(0, ("value_added", _("工业增加值（万元）")))
    return out


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "credit_code",
            "name",
            "industry",
            "region",
            "address",
            "contact",
            "band",
            "data_centre",
            "online_monitoring",
        ]

    def __init__(self, *args, regions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions

    def clean_credit_code(self) -> str:
        code = normalize_credit_code(self.cleaned_data["credit_code"])
        problem = credit_code_problem(code)
        if problem:
            raise forms.ValidationError(problem)
        return code

    def clean_industry(self) -> str:
        text = self.cleaned_data["industry"].strip().upper()
        problem = industry_problem(text)
        if problem:
            raise forms.ValidationError(problem)
        return text.lstrip("ABCDEFGHIJKLMNOPQRST")


class SubmissionForm(forms.Form):
    year = forms.IntegerField(label=_("年"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月"), min_value=1, max_value=12)
    fuel = forms.ChoiceField(label=_("能源品种"), choices=fuel_choices)
    direction = forms.ChoiceField(label=_("方向"), choices=[("in", _("购入/消费")), ("out", _("输出/外供"))])
    quantity = forms.FloatField(label=_("数量"), min_value=0)
    unit = forms.CharField(label=_("计量单位"), max_length=20, help_text=_("如 t、万千瓦时、万立方米、吉焦"))

    def clean(self) -> dict:
        data = super().clean()
        item = resolve_fuel(data.get("fuel", "")) if data.get("fuel") else None
        if item is not None and data.get("unit") and data.get("quantity") is not None:
            try:
                data["canonical"] = to_canonical(item, float(data["quantity"]), data["unit"])
            except UnitError as exc:
                self.add_error("unit", str(exc))
        return data


class OutputForm(forms.ModelForm):
    product = forms.ChoiceField(label=_("产品"), choices=lambda: product_choices(True))

    class Meta:
        model = Output
        fields = ["year", "month", "product", "quantity", "unit"]


class ProjectForm(forms.ModelForm):
    product = forms.ChoiceField(label=_("主要产品"), choices=product_choices)

    class Meta:
        model = Project
        fields = [
            "name",
            "enterprise",
            "region",
            "industry",
            "product",
            "capacity",
            "capacity_unit",
            "design_energy_tce",
            "design_co2_t",
            "design_unit_consumption",
            "status",
            "start_year",
            "approvals",
        ]
        widgets = {"approvals": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, regions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions
        self.fields["enterprise"].queryset = Enterprise.objects.order_by("name")

    def clean_industry(self) -> str:
        text = self.cleaned_data["industry"].strip().upper()
        problem = industry_problem(text)
        if problem:
            raise forms.ValidationError(problem)
        return text.lstrip("ABCDEFGHIJKLMNOPQRST")

    def clean(self) -> dict:
        """A planned or building project is reviewed on its design energy use, so it must have one."""
        data = super().clean()
        if data.get("status") != Project.Status.OPERATING and data.get("design_energy_tce") is None:
            self.add_error("design_energy_tce", _("拟建、在建项目须填写设计年综合能耗（节能审查的数字）。"))
        return data


class CapForm(forms.ModelForm):
    class Meta:
        model = RegionCap
        fields = ["region", "year", "energy_cap_tce", "energy_used_tce", "carbon_cap_t", "carbon_used_t", "note"]

    def __init__(self, *args, regions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("文件内容"), choices=[("submissions", _("月度能耗数据")), ("units", _("单位名录"))]
    )
    file = forms.FileField(label=_("文件（CSV 或 xlsx）"))


class EnteredLevelForm(forms.ModelForm):
    """Add or correct a level from the document an office holds; checked by the domain's own rules.

    `regions` are those the user may enter levels for; `national` adds the empty choice (a level of
    the national tables), for administrators only.
    """

    reason = forms.CharField(
        label=_("修改说明"), max_length=100, required=False, help_text=_("如 按原文核对更正；记入修改记录。")
    )

    class Meta:
        model = EnteredLevel
        fields = [*LEVEL_FIELDS, "region"]
        widgets = {"product": forms.TextInput(attrs={"list": "known-products", "autocomplete": "off"})}

    def __init__(self, *args, regions=None, national: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        order = [*LEVEL_FIELDS]
        order.insert(order.index("citation"), "region")
        self.order_fields([*order, "reason"])
        field = self.fields["region"]
        if regions is not None:
            field.queryset = regions
        field.required = not national
        field.empty_label = _("全国（国家文件）") if national else None
        if self.instance.pk is None:
            self.fields.pop("reason")

    def clean(self) -> dict:
        """The domain's checks (benchmark below baseline, known division, a citation …) on what the fields parsed."""
        data = super().clean()
        try:
            ref = entered_level({name: data.get(name) for name in LEVEL_FIELDS})
        except LevelError as exc:
            for problem in exc.problems:
                if problem.field in self.fields and problem.field not in self.errors:
                    self.add_error(problem.field, problem.message)
            return data
        data["division"] = ref.division  # a group or class code is kept as its division
        return data


class LevelUploadForm(forms.Form):
    file = forms.FileField(label=_("文件（CSV 或 xlsx）"))
