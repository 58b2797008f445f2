"""Importing levels: preview → confirm, all or nothing, row and column of every error; corrections keep history."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from test_enterprises_levels_support import FORM, PRODUCT, make_level, make_project

from tanda.web.enterprises.levels_files import COLUMNS
from tanda.web.enterprises.models import EnteredLevel
from tanda.web.enterprises.services import project_view

pytestmark = pytest.mark.django_db
IMPORT = reverse("enterprises:levels_import")


def row(**values: str) -> dict[str, str]:
    return {**FORM, "better": "lower", "status": "", "source": "", "region": "220000", **values}


def csv_file(rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS, name: str = "levels.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def upload(client, file) -> str:
    response = client.post(IMPORT, {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_a_bad_row_stores_nothing_and_each_error_names_row_and_column(client, jilin_office, upload_dir):
    client.force_login(jilin_office)
    rows = [
        row(),
        row(product="demo_other", benchmark="30", baseline="20"),  # row 3: benchmark above baseline
        row(product="demo_third", region="not a place", citation=""),  # row 4: bad region, no citation
    ]
    preview_url = upload(client, csv_file(rows))
    page = client.get(preview_url)
    errors = {(e.row, e.column) for e in page.context["errors"]}
    assert errors == {(3, "benchmark"), (4, "region"), (4, "citation")}
    html = page.content.decode()
    assert "未保存任何数据" in html and "须低于基准水平" in html and "not a place" in html
    assert 'id="confirm-import"' not in html

    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    stored = client.post(reverse("enterprises:levels_import_store", args=[token]))
    assert stored.status_code == 302 and stored["Location"] == preview_url
    assert EnteredLevel.objects.count() == 0  # the good first row was not stored either


def test_preview_then_confirm_stores_every_row_and_screens_projects(client, jilin_office, upload_dir):
    project = make_project("220581", design=15.0)
    client.force_login(jilin_office)
    preview_url = upload(client, csv_file([row(), row(edition="2021", benchmark="−5", baseline="-1")]))
    page = client.get(preview_url)
    assert page.context["counts"] == {"new": 2, "change": 0, "same": 0}
    assert EnteredLevel.objects.count() == 0  # the preview stores nothing
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    assert client.post(reverse("enterprises:levels_import_store", args=[token])).status_code == 302
    stored = {level.edition: level for level in EnteredLevel.objects.all()}
    assert set(stored) == {2021, 2023}
    assert (stored[2021].benchmark, stored[2021].baseline) == (-5.0, -1.0)
    assert stored[2023].entered_by == jilin_office and stored[2023].region_id == "220000"
    assert stored[2023].history.get().history_change_reason.startswith("导入 levels.csv sha256:")
    view = project_view(project)
    assert view.level.ref.edition == 2023 and view.design.level == "between"  # the newest edition applies
    assert client.get(preview_url).status_code == 302  # the upload is gone once saved


def test_a_row_already_entered_is_a_correction_with_history(client, jilin_office, upload_dir):
    level = make_level("220000", user=jilin_office)
    client.force_login(jilin_office)
    preview_url = upload(client, csv_file([row(baseline="18", citation="附件1 表1 第4行"), row(edition="2021")]))
    page = client.get(preview_url)
    assert page.context["counts"] == {"new": 1, "change": 1, "same": 0}
    change = next(p for p in page.context["result"].rows if p.action == "change")
    assert change.changes == ("baseline", "citation") and change.existing_id == level.pk
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    client.post(reverse("enterprises:levels_import_store", args=[token]))
    level.refresh_from_db()
    assert (level.baseline, level.citation) == (18.0, "附件1 表1 第4行")
    assert [h.baseline for h in level.history.order_by("history_date", "history_id")] == [20.0, 18.0]


def test_an_office_may_import_only_its_own_regions(client, meihekou_office, upload_dir):
    client.force_login(meihekou_office)
    page = client.get(upload(client, csv_file([row(region="220581"), row(region="220100"), row(region="")])))
    messages = {(e.row, e.column): e.message for e in page.context["errors"]}
    assert set(messages) == {(3, "region"), (4, "region")}
    assert "220100" in messages[(3, "region")] and "全国" in messages[(4, "region")]
    assert EnteredLevel.objects.count() == 0


def test_file_level_problems_duplicates_and_unknown_columns(client, jilin_office, upload_dir):
    client.force_login(jilin_office)
    page = client.get(upload(client, csv_file([row()], columns=(*COLUMNS[:-1], "remark"))))
    errors = {(e.row, e.column) for e in page.context["errors"]}
    assert (1, "remark") in errors and (1, None) in errors  # unknown column; citation missing
    page = client.get(upload(client, csv_file([row(), row(benchmark="11")])))
    [error] = page.context["errors"]
    assert (error.row, error.column) == (3, "product") and "第 2 行" in error.message
    page = client.get(upload(client, SimpleUploadedFile("levels.pdf", b"%PDF-1.4")))
    assert "不能读取 .pdf 文件" in page.context["errors"][0].message  # the page is Chinese by default


def test_xlsx_export_reads_back_unchanged(client, jilin_office, upload_dir):
    make_level("220000", user=jilin_office, benchmark=-3, baseline=-1)
    make_level("220581", user=jilin_office, edition=2021)
    client.force_login(jilin_office)
    exported = client.get(reverse("enterprises:levels_export")).content
    page = client.get(upload(client, SimpleUploadedFile("levels.xlsx", exported)))
    assert page.context["report"].ok, page.context["errors"]
    assert page.context["counts"] == {"new": 0, "change": 0, "same": 2}

    book = load_workbook(io.BytesIO(exported))
    sheet = book["本地录入"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("baseline") + 1, value=-2)
    del book["已核实公开来源"]
    buffer = io.BytesIO()
    book.save(buffer)
    page = client.get(upload(client, SimpleUploadedFile("corrected.xlsx", buffer.getvalue())))
    assert page.context["counts"] == {"new": 0, "change": 1, "same": 1}


def test_xlsx_with_typed_cells(client, jilin_office, upload_dir):
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append([c for c in COLUMNS if c not in ("better", "status", "source")])
    values = row(region="220000")
    typed = {**values, "benchmark": 10.5, "baseline": 20, "edition": 2023, "deadline": datetime(2026, 12, 31)}
    sheet.append([typed[c] for c in COLUMNS if c not in ("better", "status", "source")])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(jilin_office)
    preview_url = upload(client, SimpleUploadedFile("typed.xlsx", buffer.getvalue()))
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    client.post(reverse("enterprises:levels_import_store", args=[token]))
    level = EnteredLevel.objects.get(product=PRODUCT)
    assert (level.benchmark, level.edition, level.deadline.isoformat()) == (10.5, 2023, "2026-12-31")


def test_viewer_cannot_upload_or_confirm(client, viewer, jilin_office, upload_dir):
    client.force_login(jilin_office)
    preview_url = upload(client, csv_file([row()]))
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    client.force_login(viewer)
    assert client.post(IMPORT, {"file": csv_file([row()])}).status_code == 403
    assert client.post(reverse("enterprises:levels_import_store", args=[token])).status_code == 403
    assert EnteredLevel.objects.count() == 0
