"""Storing units and submission files: all or nothing, on SQLite and (through test_postgresql) PostgreSQL."""

from __future__ import annotations

import csv

import pytest
from django.urls import reverse

from tanda.enterprises import make_credit_code
from tanda.web.enterprises.models import Enterprise, ImportBatch, Submission
from tanda.web.enterprises.store import import_submissions, register_units

pytestmark = pytest.mark.django_db

CODES = [make_credit_code("220100", 90_000_000 + n) for n in range(1, 4)]
HEADER = ["credit_code", "year", "month", "fuel", "quantity", "unit"]


def write(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def registered(regions, tmp_path):
    path = write(
        tmp_path / "units.csv",
        [[code, f"示例企业{n}（合成数据）", "3011", "220100"] for n, code in enumerate(CODES, start=1)],
        ["credit_code", "name", "industry", "region"],
    )
    report = register_units(path)
    assert report.stored, report.to_dict()
    return path


def test_register_creates_then_updates(registered, tmp_path):
    assert Enterprise.objects.count() == 3
    path = write(
        tmp_path / "again.csv",
        [[CODES[0], "改名企业（合成数据）", "C3011", "长春市"]],
        ["credit_code", "name", "industry", "region"],
    )
    report = register_units(path)
    assert report.stored and report.updated == 1
    unit = Enterprise.objects.get(credit_code=CODES[0])
    assert unit.name == "改名企业（合成数据）" and unit.history.count() == 2  # the change log keeps both


def test_register_rejects_the_whole_file_for_one_bad_row(regions, tmp_path):
    path = write(
        tmp_path / "units.csv",
        [[CODES[0], "甲（合成数据）", "3011", "220100"], [CODES[1][:-1] + "0", "乙", "99", "火星"]],
        ["credit_code", "name", "industry", "region"],
    )
    report = register_units(path)
    assert not report.stored and Enterprise.objects.count() == 0
    columns = {(e.row, e.column) for e in report.errors}
    assert {(3, "industry"), (3, "region")} <= columns
    assert report.accepted == 1 and report.rejected == 1


def test_a_valid_file_is_stored_whole(registered, tmp_path):
    rows = [
        [code, 2024, m, fuel, 10 + m, unit]
        for code in CODES
        for m in range(1, 13)
        for fuel, unit in (("原煤", "t"), ("电力", "万千瓦时"))
    ]
    report = import_submissions(write(tmp_path / "s.csv", rows), chunk_rows=17)  # many chunks
    assert report.stored and report.accepted == 72
    assert Submission.objects.count() == 72
    electricity = Submission.objects.get(enterprise__credit_code=CODES[0], month=3, fuel="electricity")
    assert (electricity.quantity, electricity.unit, electricity.canonical) == (13.0, "万千瓦时", 130_000.0)
    assert ImportBatch.objects.get(kind="submissions").rows == 72


def test_one_bad_row_in_the_last_chunk_stores_nothing(registered, tmp_path):
    rows = [[CODES[0], 2024, m, "原煤", 10, "t"] for m in range(1, 13)] + [[CODES[1], 2024, 1, "原煤", "ten", "t"]]
    report = import_submissions(write(tmp_path / "s.csv", rows), chunk_rows=5)
    assert not report.stored
    assert Submission.objects.count() == 0 and not ImportBatch.objects.filter(kind="submissions").exists()
    assert [(e.row, e.column) for e in report.errors] == [(14, "quantity")]


def test_a_duplicate_found_at_the_end_stores_nothing(registered, tmp_path):
    rows = [[CODES[0], 2024, m, "原煤", 10, "t"] for m in range(1, 13)] + [[CODES[0], 2024, 1, "原煤", 11, "t"]]
    report = import_submissions(write(tmp_path / "s.csv", rows), chunk_rows=4)
    assert not report.stored and Submission.objects.count() == 0
    assert "duplicates row 2" in report.errors[0].message


def test_rows_already_stored_are_rejected(registered, tmp_path):
    first = import_submissions(write(tmp_path / "a.csv", [[CODES[0], 2024, 1, "原煤", 10, "t"]]))
    assert first.stored
    again = import_submissions(
        write(tmp_path / "b.csv", [[CODES[0], 2024, 2, "原煤", 10, "t"], [CODES[0], 2024, 1, "原煤", 10, "t"]])
    )
    assert not again.stored and Submission.objects.count() == 1
    assert (again.errors[0].row, "already stored" in again.errors[0].message) == (3, True)


def test_unknown_codes_are_rejected(registered, tmp_path):
    report = import_submissions(write(tmp_path / "s.csv", [["914403001922038216", 2024, 1, "原煤", 1, "t"]]))
    assert not report.stored and "not a registered unit" in report.errors[0].message


def test_upload_check_then_store_through_the_pages(registered, client, make_user, tmp_path, settings):
    settings.HOME = tmp_path
    client.force_login(make_user("jilin-office", "office", "220000"))
    bad = write(tmp_path / "bad.csv", [[CODES[0], 2024, 1, "原煤", -1, "t"]])
    with open(bad, "rb") as fh:
        response = client.post(reverse("enterprises:import"), {"kind": "submissions", "file": fh})
    preview = client.get(response["Location"])
    assert "为负数" in preview.content.decode() and Submission.objects.count() == 0  # the page is Chinese by default
    errors = client.get(response["Location"] + "errors.csv")
    assert "row,column,message" in errors.content.decode("utf-8-sig")
    stored = client.post(response["Location"] + "store/")
    assert Submission.objects.count() == 0 and stored.status_code == 302

    good = write(tmp_path / "good.csv", [[CODES[0], 2024, 1, "原煤", 1, "t"]])
    with open(good, "rb") as fh:
        response = client.post(reverse("enterprises:import"), {"kind": "submissions", "file": fh})
    assert client.get(response["Location"]).status_code == 200 and Submission.objects.count() == 0
    client.post(response["Location"] + "store/")
    assert Submission.objects.count() == 1


def test_an_oversized_upload_is_refused_before_it_is_read(registered, client, make_user):
    client.force_login(make_user("jilin-office", "office", "220000"))
    response = client.post(
        reverse("enterprises:import"),
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024**3),
    )
    assert response.status_code == 413 and "MiB" in response.content.decode()


def test_the_database_refuses_a_key_that_does_not_match_its_columns(registered, tmp_path):
    from django.db import IntegrityError, transaction

    from tanda.enterprises.submissions import key_of

    assert import_submissions(write(tmp_path / "s.csv", [[CODES[0], 2024, 1, "原煤", 10, "t"]])).stored
    stored = Submission.objects.get()
    assert stored.key == key_of(stored.enterprise_id, 2024, 1, "raw_coal", "in")
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.filter(pk=stored.pk).update(month=2)  # the key still says January
    with pytest.raises(ValueError, match="do not change"):
        stored.month = 2
        stored.save()
    assert Submission.objects.get().month == 1


def test_a_units_rows_are_read_by_key_range(registered, tmp_path):
    rows = [[code, year, 1, "原煤", 10, "t"] for code in CODES for year in (2023, 2024)]
    assert import_submissions(write(tmp_path / "s.csv", rows)).stored
    unit = Enterprise.objects.get(credit_code=CODES[1])
    assert {(s.enterprise_id, s.year) for s in Submission.objects.of_unit(unit.pk)} == {
        (unit.pk, 2023),
        (unit.pk, 2024),
    }
    assert [s.year for s in Submission.objects.of_unit(unit.pk, 2024)] == [2024]
    other = Enterprise.objects.get(credit_code=CODES[2])
    both = Submission.objects.of_units([unit.pk, other.pk], [2023])
    assert {(s.enterprise_id, s.year) for s in both} == {(unit.pk, 2023), (other.pk, 2023)}


def test_the_years_kept_energy_follows_every_change(registered, tmp_path):
    from tanda.web.enterprises.energy_cache import data_version
    from tanda.web.enterprises.services import energy_of

    assert import_submissions(write(tmp_path / "a.csv", [[CODES[0], 2024, 1, "原煤", 100, "t"]])).stored
    ids = list(Enterprise.objects.values_list("pk", flat=True)) * 30  # more than a few: the year's kept result
    first = energy_of(ids, [2024]).frame["tce_equivalent"].sum()
    assert first > 0
    version = data_version()
    assert import_submissions(write(tmp_path / "b.csv", [[CODES[1], 2024, 1, "原煤", 100, "t"]])).stored
    assert data_version() != version
    assert energy_of(ids, [2024]).frame["tce_equivalent"].sum() == pytest.approx(2 * first)
    row = Submission.objects.get(enterprise__credit_code=CODES[1])
    row.quantity, row.canonical = 300, 300
    row.save()  # a form's correction: a history row
    assert energy_of(ids, [2024]).frame["tce_equivalent"].sum() == pytest.approx(4 * first)
    only = Enterprise.objects.get(credit_code=CODES[0]).pk
    assert energy_of([only] * 60, [2024]).frame["unit"].unique().tolist() == [only]


def test_rows_of_units_far_apart_are_read_back_exactly(regions):
    """The bulk reader gets one array per bucket of unit ids (PostgreSQL); several buckets, in any order."""
    from tanda.web.enterprises.frames import submissions_frame

    pks = [7, 7 + 2**14, 7 + 3 * 2**14]
    for n, pk in enumerate(pks):
        unit = Enterprise.objects.create(
            pk=pk,
            credit_code=make_credit_code("220100", 91_000_000 + n),
            name=f"远号企业{n}（合成数据）",
            industry="3011",
            region_id="220100",
        )
        for month, fuel, direction, quantity in [(1, "raw_coal", "in", 1.5 + n), (2, "electricity", "out", 2.25)]:
            Submission.objects.create(
                enterprise=unit,
                year=2024,
                month=month,
                fuel=fuel,
                direction=direction,
                quantity=quantity,
                unit="t",
                canonical=quantity * 10,
            )
    frame = submissions_frame(None, [2024]).sort_values(["unit", "month"])
    assert frame[["unit", "month", "fuel", "direction"]].values.tolist() == [
        [pk, month, fuel, direction]
        for pk in pks
        for month, fuel, direction in [(1, "raw_coal", "in"), (2, "electricity", "out")]
    ]
    assert frame["canonical"].tolist() == [v for n in range(3) for v in (15.0 + 10 * n, 22.5)]
    assert submissions_frame(None, [2023]).empty


@pytest.mark.django_db(transaction=True)
def test_after_an_import_the_years_energy_is_ready_before_anyone_asks(regions, tmp_path):
    from tanda.web.enterprises import energy_cache
    from tanda.web.enterprises.services import energy_of, warm_year_energy

    register_units(
        write(
            tmp_path / "u.csv",
            [[CODES[0], "示例企业（合成数据）", "3011", "220100"]],
            ["credit_code", "name", "industry", "region"],
        )
    )
    report = import_submissions(
        write(tmp_path / "s.csv", [[CODES[0], 2023, 12, "原煤", 100, "t"], [CODES[0], 2024, 1, "原煤", 100, "t"]])
    )
    assert report.stored and report.years == {2023, 2024}
    warm_year_energy(report.years).join(timeout=60)
    kept = energy_cache.year_energy(2024, lambda: pytest.fail("the year's energy was not kept"))
    assert kept.frame["year"].tolist() == [2024] and kept.frame["tce_equivalent"].iloc[0] > 0
    assert energy_of(None, [2023]).frame["month"].tolist() == [12]


@pytest.mark.django_db(transaction=True)
def test_tanda_serve_computes_the_newest_years_energy_as_it_starts(regions, tmp_path, settings):
    """Rows imported by another process (the command line) are ready before the first visit."""
    from tanda.commands.web import start_warmups
    from tanda.web.enterprises import energy_cache

    register_units(
        write(
            tmp_path / "u.csv",
            [[CODES[0], "示例企业（合成数据）", "3011", "220100"]],
            ["credit_code", "name", "industry", "region"],
        )
    )
    assert import_submissions(
        write(tmp_path / "s.csv", [[CODES[0], 2023, 12, "原煤", 100, "t"], [CODES[0], 2024, 3, "原煤", 100, "t"]])
    ).stored
    settings.TANDA_WARM_ENERGY = False
    assert start_warmups() == []

    settings.TANDA_WARM_ENERGY = True
    threads = start_warmups()
    assert [t.name for t in threads] == ["tanda-warm-energy"]
    for thread in threads:
        thread.join(timeout=60)
    kept = energy_cache.year_energy(2024, lambda: pytest.fail("the newest year's energy was not kept"))
    assert kept.frame["month"].tolist() == [3]
    asked = []
    energy_cache.year_energy(2023, lambda: asked.append(2023))
    assert asked == [2023]  # only the newest year is computed ahead
