"""`tanda plan review CHILD PARENT`: the JSON shape, the Word file, and errors a user can cause."""

from __future__ import annotations

import io
import json

from docx import Document
from test_review_verdicts import CHILD, PARENT

from tanda.cli import main


def files(tmp_path):
    child, parent = tmp_path / "child.txt", tmp_path / "parent.txt"
    child.write_text(CHILD, encoding="utf-8")
    parent.write_text(PARENT, encoding="utf-8")
    return str(child), str(parent)


def test_json_has_items_with_parent_child_verdict_and_uncovered_actions(tmp_path, capsys):
    child, parent = files(tmp_path)
    assert main(["plan", "review", child, parent, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"items", "uncovered_actions"} <= set(data)
    first = data["items"][0]
    assert set(first) >= {"parent", "child", "verdict"}
    parse_fields = {"indicator", "value", "unit", "year", "kind", "qualifier", "quote", "baseline_year", "masked"}
    assert parse_fields <= set(first["parent"])
    assert first["child"] is None or parse_fields <= set(first["child"])
    missing = [i for i in data["items"] if i["verdict"] == "missing"]
    assert missing and all(i["child"] is None for i in missing)
    assert data["uncovered_actions"][0]["title"] == "各地区梯次有序碳达峰行动"
    assert data["summary"]["weaker"] == 1


def test_docx_is_written_where_asked(tmp_path, capsys):
    child, parent = files(tmp_path)
    out = tmp_path / "opinion.docx"
    assert main(["plan", "review", child, parent, "--format", "docx", "--output", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    doc = Document(io.BytesIO(out.read_bytes()))
    assert len(doc.tables) == 1 and len(doc.tables[0].rows) == 1 + 9


def test_a_plan_against_itself_is_an_error(tmp_path, capsys):
    child, _ = files(tmp_path)
    copy = tmp_path / "copy.txt"
    copy.write_text(CHILD, encoding="utf-8")
    assert main(["plan", "review", child, child]) == 2
    assert "same plan" in capsys.readouterr().err
    assert main(["plan", "review", child, str(copy)]) == 2  # the same text under another name
    assert "same plan" in capsys.readouterr().err


def test_a_missing_file_names_it(tmp_path, capsys):
    child, _ = files(tmp_path)
    assert main(["plan", "review", child, str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_a_bad_mapping_table_names_the_line(tmp_path, capsys):
    child, parent = files(tmp_path)
    mapping = tmp_path / "map.csv"
    mapping.write_text("parent,child,note\n能源局,,x\n", encoding="utf-8")
    assert main(["plan", "review", child, parent, "--mapping", str(mapping)]) == 2
    assert "line 2" in capsys.readouterr().err
