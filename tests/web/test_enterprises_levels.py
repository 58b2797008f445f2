"""Entered levels: which one applies, screening after a level is entered, who may enter, and the change log."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook
from test_enterprises_levels_support import FORM, PRODUCT, make_level, make_project

import tanda.web.enterprises
from tanda.enterprises import make_credit_code
from tanda.web.core.models import Profile
from tanda.web.enterprises.forms import ProjectForm, product_choices
from tanda.web.enterprises.levels import LevelBook
from tanda.web.enterprises.models import EnteredLevel, Enterprise, EnterpriseAccount, Output, Submission
from tanda.web.enterprises.services import project_view

pytestmark = pytest.mark.django_db
LEVELS = reverse("enterprises:levels")


@pytest.fixture
def admin(make_user):
    return make_user("admin", Profile.Role.ADMIN)


def applied(product: str, region: str):
    return LevelBook.load().applies(product, region)


# ------------------------------------------------------------------ which level applies


def test_nearest_region_beats_ancestor_beats_national_beats_packaged(regions):
    packaged = applied("cement_clinker", "220581")
    assert (packaged.origin, packaged.citation) == ("packaged", "P2")
    national = make_level(None, product="cement_clinker", edition=2021, benchmark=1, baseline=2)
    province = make_level("220000", product="cement_clinker", edition=2021, benchmark=3, baseline=4)
    city = make_level("220500", product="cement_clinker", edition=2021, benchmark=5, baseline=6)
    county = make_level("220581", product="cement_clinker", edition=2021, benchmark=7, baseline=8)
    make_level("220100", product="cement_clinker", edition=2024, benchmark=9, baseline=10)  # a sibling city's
    steps = []
    for level in (county, city, province, national):
        found = applied("cement_clinker", "220581")
        steps.append((found.origin, found.region_code, found.ref.benchmark))
        assert found.pk == level.pk
        level.delete()
    assert steps == [
        ("entered", "220581", 7.0),
        ("entered", "220500", 5.0),
        ("entered", "220000", 3.0),
        ("entered", None, 1.0),
    ]
    assert applied("cement_clinker", "220581").origin == "packaged"  # 长春's level never applied to 梅河口
    assert applied("cement_clinker", "220100").region_code == "220100"


def test_the_newest_edition_wins_within_a_region(regions):
    make_level("220000", edition=2021, benchmark=11, baseline=21)
    make_level("220000", edition=2023, benchmark=12, baseline=22)
    make_level(None, edition=2025, benchmark=13, baseline=23)
    found = applied(PRODUCT, "220581")
    assert (found.region_code, found.ref.edition, found.ref.benchmark) == ("220000", 2023, 12.0)
    assert applied(PRODUCT, "110000").ref.edition == 2025  # Beijing: only the national level
    assert applied("no_such_product", "220581") is None


def test_products_known_only_from_entered_levels_become_selectable(regions):
    assert PRODUCT not in dict(product_choices())
    make_level("220000", product_zh="旧名", edition=2021)
    make_level("220000", product_zh="示例产品（新名）", edition=2023)
    choices = dict(product_choices())
    assert choices[PRODUCT] == "示例产品（新名）（kgce/t）"
    assert "cement_clinker" in choices
    assert PRODUCT in dict(ProjectForm().fields["product"].choices)


# ------------------------------------------------------------------ a project's screening follows


def test_a_projects_screening_changes_after_a_level_is_entered(client, jilin_office, regions):
    project = make_project("220581", design=15.0)
    client.force_login(jilin_office)
    assert project_view(project).design is None
    listing = client.get(reverse("enterprises:projects") + "?class=unscreened").content.decode()
    assert project.name in listing

    response = client.post(LEVELS, {**FORM, "region": "220000"})
    assert response.status_code == 302, response.content.decode()[:2000]
    view = project_view(project)
    assert view.design.level == "between" and view.level.entered and view.level.region_code == "220000"
    between = client.get(reverse("enterprises:projects") + "?class=between").content.decode()
    assert project.name in between
    assert "本地录入" in between and "附件1 表1 第3行" in between and "jilin-office" in between

    # a stricter level of the county itself: the project is now below its baseline, with the deadline
    client.post(LEVELS, {**FORM, "region": "220581", "benchmark": "12", "baseline": "14"})
    detail = client.get(reverse("enterprises:project", args=[project.pk])).content.decode()
    assert "低于基准水平" in detail and "2026-12-31" in detail and "梅河口市" in detail
    export = load_workbook(io.BytesIO(client.get(reverse("enterprises:projects_export")).content)).active
    header = [c.value for c in export[1]]
    row = next(r for r in export.iter_rows(min_row=2, values_only=True) if r[0] == project.name)
    assert row[header.index("水平来源")] == "本地录入"
    assert "梅河口市" in row[header.index("水平出处")] and "附件1 表1 第3行" in row[header.index("水平出处")]
    assert row[header.index("基准水平")] == 14


def test_an_operating_projects_measured_class_uses_the_entered_level(regions):
    unit = Enterprise.objects.create(
        credit_code=make_credit_code("220100", 90_000_902),
        name="熟料厂（合成数据）",
        industry="3011",
        region_id="220100",
    )
    for month in range(1, 13):
        Submission.objects.create(
            enterprise=unit, year=2024, month=month, fuel="raw_coal", quantity=1000.0, unit="t", canonical=1000.0
        )
        Output.objects.create(
            enterprise=unit, year=2024, month=month, product="cement_clinker", quantity=8000, unit="t"
        )
        Output.objects.create(enterprise=unit, year=2024, month=month, product=PRODUCT, quantity=8000, unit="t")
    clinker = make_project("220100", product="cement_clinker", design=None)
    clinker.enterprise, clinker.status = unit, "operating"
    clinker.save()
    before = project_view(clinker)
    assert before.measured.level == "benchmark" and before.level.origin == "packaged"
    # a made-up local level far stricter than anything measured: the same measurement is now below it
    make_level("220000", product="cement_clinker", benchmark=1, baseline=2)
    after = project_view(clinker)
    assert after.measured_value == pytest.approx(before.measured_value)
    assert after.measured.level == "below_baseline" and after.level.region_code == "220000"

    widget = make_project("220100", design=15.0)
    widget.enterprise, widget.status = unit, "operating"
    widget.save()
    make_level(None)  # a product nothing packaged knows, in kgce/t: measured in the level's own unit
    view = project_view(widget)
    assert view.measured_value == pytest.approx(before.measured_value)  # the same energy over the same output
    assert view.measured.level == "below_baseline" and view.current.level == "below_baseline"

    odd = make_project("220100", product="oddity", design=15.0)
    odd.enterprise, odd.status = unit, "operating"
    odd.save()
    make_level(None, product="oddity", unit="kgoe/(t·能量因数)")
    for month in range(1, 13):
        Output.objects.create(enterprise=unit, year=2024, month=month, product="oddity", quantity=10, unit="t")
    view = project_view(odd)
    assert view.measured is None and "cannot be measured" in view.measured_note  # never in a guessed unit
    assert view.current.level == "between"  # the design value is still screened


def test_a_packaged_screening_says_it_is_packaged(client, viewer, regions):
    project = make_project("220100", product="cement_clinker", design=118.0)
    client.force_login(viewer)
    page = client.get(reverse("enterprises:project", args=[project.pk])).content.decode()
    assert "已核实公开来源" in page and "P2" in page and "本地录入" not in page.split('id="level-source"')[1]


# ------------------------------------------------------------------ the page and who may change it


def test_levels_page_marks_packaged_and_entered_rows(client, viewer, jilin_office, regions):
    make_level("220000", user=jilin_office)
    client.force_login(viewer)
    page = client.get(LEVELS).content.decode()
    packaged = page.split('id="packaged-levels"')[1].split("</table>")[0]
    entered = page.split('id="entered-levels"')[1].split("</table>")[0]
    assert "已核实公开来源" in packaged and "(P2)" in packaged and PRODUCT not in packaged
    assert "本地录入" in entered and "附件1 表1 第3行" in entered and "jilin-office" in entered and "吉林省" in entered
    assert 'id="level-form"' not in page and "/edit/" not in entered  # a viewer reads, never edits


def test_viewer_and_enterprise_user_may_read_but_not_change(client, viewer, make_user, jilin_office, regions):
    level = make_level("220000", user=jilin_office)
    unit = Enterprise.objects.create(
        credit_code=make_credit_code("220100", 90_000_901), name="单位（合成数据）", industry="2614", region_id="220100"
    )
    enterprise_user = make_user("unit-user", Profile.Role.OFFICE, "220000")
    EnterpriseAccount.objects.create(user=enterprise_user, enterprise=unit)
    for user in (viewer, enterprise_user):
        client.force_login(user)
        assert client.get(LEVELS).status_code == 200
        assert client.post(LEVELS, {**FORM, "region": "220000", "edition": "2024"}).status_code == 403
        assert client.get(reverse("enterprises:level_edit", args=[level.pk])).status_code == 403
        assert client.post(reverse("enterprises:level_delete", args=[level.pk])).status_code == 403
        assert client.get(reverse("enterprises:levels_import")).status_code == 403
    assert EnteredLevel.objects.count() == 1 and EnteredLevel.objects.get().baseline == 20


def test_an_office_of_another_region_is_refused(client, meihekou_office, jilin_office, regions):
    province = make_level("220000", user=jilin_office)
    client.force_login(meihekou_office)
    response = client.post(LEVELS, {**FORM, "region": "220100"})  # 长春: not 梅河口's
    assert response.status_code == 200 and EnteredLevel.objects.count() == 1
    assert "has-error" in response.content.decode()
    assert "region" in response.context["form"].errors
    assert client.post(reverse("enterprises:level_edit", args=[province.pk]), FORM).status_code == 403
    assert client.post(reverse("enterprises:level_delete", args=[province.pk])).status_code == 403
    assert client.post(LEVELS, {**FORM, "region": "220581"}).status_code == 302  # its own county
    assert EnteredLevel.objects.filter(region_id="220581", entered_by=meihekou_office).count() == 1


def test_national_levels_are_the_administrators(client, admin, jilin_office, regions):
    client.force_login(jilin_office)
    response = client.post(LEVELS, {**FORM, "region": ""})
    assert response.status_code == 200 and "region" in response.context["form"].errors
    client.force_login(admin)
    assert client.post(LEVELS, {**FORM, "region": ""}).status_code == 302
    national = EnteredLevel.objects.get()
    assert national.region_id is None and national.entered_by == admin
    client.force_login(jilin_office)
    assert client.get(reverse("enterprises:level_edit", args=[national.pk])).status_code == 403


def test_the_form_says_which_field_is_wrong_and_stores_nothing(client, jilin_office, regions):
    client.force_login(jilin_office)
    response = client.post(
        LEVELS, {**FORM, "region": "220000", "benchmark": "20", "baseline": "10", "citation": "", "division": "99"}
    )
    errors = response.context["form"].errors
    assert set(errors) == {"benchmark", "citation", "division"}
    assert "须低于基准水平" in errors["benchmark"][0] and "出处" in response.content.decode()
    assert EnteredLevel.objects.count() == 0
    make_level("220000")
    duplicate = client.post(LEVELS, {**FORM, "region": "220000"})
    assert "已有同一产品、同一版本" in duplicate.content.decode() and EnteredLevel.objects.count() == 1


def test_a_correction_keeps_the_old_value_in_the_change_log(client, jilin_office, regions):
    client.force_login(jilin_office)
    client.post(LEVELS, {**FORM, "region": "220000"})
    level = EnteredLevel.objects.get()
    response = client.post(
        reverse("enterprises:level_edit", args=[level.pk]),
        {**FORM, "region": "220000", "baseline": "18", "reason": "按原文核对更正"},
    )
    assert response.status_code == 302
    level.refresh_from_db()
    assert level.baseline == 18
    versions = list(level.history.order_by("history_date", "history_id"))
    assert [(v.history_type, v.baseline) for v in versions] == [("+", 20.0), ("~", 18.0)]
    assert versions[-1].history_change_reason == "按原文核对更正" and versions[-1].history_user == jilin_office
    log = client.get(reverse("enterprises:level_history", args=[level.pk])).content.decode()
    assert "20.0" in log and "18.0" in log and "按原文核对更正" in log
    assert re.search(r"<td class=\"small\">baseline</td>", log)  # the changed field is named

    assert client.post(reverse("enterprises:level_delete", args=[level.pk])).status_code == 302
    assert not EnteredLevel.objects.exists()
    after = client.get(reverse("enterprises:level_history", args=[level.pk]))
    assert after.status_code == 200 and "已删除" in after.content.decode() and "18.0" in after.content.decode()
    assert reverse("enterprises:level_history", args=[level.pk]) in client.get(LEVELS).content.decode()


def test_export_has_entered_and_packaged_sheets(client, viewer, jilin_office, regions):
    make_level("220000", user=jilin_office, benchmark=-3, baseline=-1)
    client.force_login(viewer)
    response = client.get(reverse("enterprises:levels_export"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["本地录入", "已核实公开来源"]
    entered = list(book["本地录入"].iter_rows(values_only=True))
    header = list(entered[0])
    row = dict(zip(header, entered[1], strict=True))
    assert (row["product"], row["benchmark"], row["baseline"], row["region"]) == (PRODUCT, -3, -1, "220000")
    assert (row["citation"], row["entered_by"], row["origin"]) == ("附件1 表1 第3行", "jilin-office", "本地录入")
    packaged = {r[0]: r for r in book["已核实公开来源"].iter_rows(min_row=2, values_only=True)}
    assert packaged["cement_clinker"][header.index("source")] == "P2"


def test_anonymous_visitors_are_sent_to_sign_in(client, regions):
    assert client.get(LEVELS).status_code == 302
    assert get_user_model().objects.count() == 0


# ------------------------------------------------------------------ English catalogue


def test_levels_pages_in_english_and_catalogue_compiled(client, jilin_office, regions):
    from test_i18n import po_entries

    folder = Path(tanda.web.enterprises.__file__).parent
    catalogue = folder / "locale" / "en" / "LC_MESSAGES"
    entries = po_entries((catalogue / "django.po").read_text(encoding="utf-8"))
    assert [m for m, s in entries.items() if not s] == []
    with (catalogue / "django.mo").open("rb") as mo:
        english = gettext.GNUTranslations(mo)
    stale = {m for m, s in entries.items() if english._catalog.get(m, english._catalog.get((m, 0))) != s}
    assert stale == set(), "django.mo is older than django.po: run msgfmt"
    templates = folder / "templates" / "enterprises"
    used = set()
    for path in [*templates.glob("levels*.html"), templates / "project_list.html", templates / "project_detail.html"]:
        used |= set(re.findall(r'{% translate "([^"]+)" %}', path.read_text(encoding="utf-8")))
    assert sorted(m for m in used if m not in entries) == []

    make_level("220000", user=jilin_office)
    client.force_login(jilin_office)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(LEVELS).content.decode()
    for text in ("Verified public source", "Entered locally", "Enter a level", "Change log"):
        assert text in page, text
    assert "本地录入" not in page and "录入水平" not in page
