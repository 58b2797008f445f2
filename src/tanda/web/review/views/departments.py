"""A region's department mapping table: read by everyone signed in, changed by the region's office.

The table starts as the packaged default; "copy the default" makes it the region's own, after which
rows are added and deleted here (each change kept in the history).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanda.plan.review_departments import default_rows
from tanda.web.core.models import Region
from tanda.web.core.permissions import can_edit_region, editable_regions
from tanda.web.review.access import refuse
from tanda.web.review.models import DepartmentMapping
from tanda.web.review.services import mapping_rows


class MappingForm(forms.ModelForm):
    class Meta:
        model = DepartmentMapping
        fields = ["parent_name", "child_name", "note"]
        help_texts = {
            "parent_name": gettext_lazy("不含“省”“市”等级别字样，如：能源局"),
            "child_name": gettext_lazy("如：发改局"),
        }


def department_tables(request: HttpRequest) -> HttpResponse:
    """The regions with a table of their own, and the regions the user may start one for."""
    if not request.user.is_authenticated:
        return refuse(request)
    own = Region.objects.filter(department_mappings__isnull=False).distinct()
    return render(
        request,
        "review/department_tables.html",
        {"regions": own, "editable": editable_regions(request.user)[:50], "defaults": default_rows()},
    )


def department_table(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    if not request.user.is_authenticated:
        return refuse(request)
    can_edit = can_edit_region(request.user, region)
    form = MappingForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            return refuse(request)
        action = request.POST.get("action")
        if action == "copy_defaults":
            with transaction.atomic():
                for row in default_rows():
                    DepartmentMapping.objects.get_or_create(
                        region=region, parent_name=row.parent, child_name=row.child, defaults={"note": row.note}
                    )
            messages.success(request, _("已复制默认对应表，现在可以修改。"))
            return redirect("review:departments", code)
        if action == "delete":
            row = get_object_or_404(DepartmentMapping, pk=request.POST.get("row"), region=region)
            row.delete()
            messages.success(request, _("已删除：%(row)s") % {"row": row})
            return redirect("review:departments", code)
        if form.is_valid():
            mapping = form.save(commit=False)
            mapping.region = region
            try:
                with transaction.atomic():
                    mapping.save()
            except IntegrityError:
                form.add_error(None, _("这条对应关系已经存在。"))
            else:
                messages.success(request, _("已添加：%(row)s") % {"row": mapping})
                return redirect("review:departments", code)
    rows, is_default = mapping_rows(region)
    stored = DepartmentMapping.objects.filter(region=region)
    return render(
        request,
        "review/department_table.html",
        {
            "region": region,
            "rows": stored if not is_default else rows,
            "is_default": is_default,
            "can_edit": can_edit,
            "form": form,
        },
    )
