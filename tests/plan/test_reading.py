"""Reading plan files: encodings, Word and PDF, and a clear PlanInputError for every unusable file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from tanda.plan import PlanInputError, check_structure, parse_text, read_bytes, read_document, reading

PLAN = "吉林省碳达峰实施方案\n一、重点任务\n1.大力发展新能源。推动风电发展。（省能源局负责）\n"


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text is drawn with a CID font and a ToUnicode map, so CJK text can be extracted."""
    chars = sorted({c for line in lines for c in line})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    pairs = "\n".join(f"<{cid[c]:04X}> <{ord(c):04X}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{pairs}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    ops = ["BT", "/F1 12 Tf", "14 TL", "50 780 Td"]
    ops += ["<" + "".join(f"{cid[c]:04X}" for c in line) + "> Tj T*" for line in lines]
    content = "\n".join([*ops, "ET"]) if lines else ""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] "
        "/ToUnicode 7 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        "/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("吉林省碳达峰实施方案")
    document.add_paragraph("一、重点任务")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "任务"
    table.cell(0, 1).text = "责任单位"
    table.cell(1, 0).text = "大力发展新能源"
    table.cell(1, 1).text = "省能源局"
    document.add_paragraph("1.大力发展新能源。推动风电发展。（省能源局负责）")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def refused(data: bytes, filename: str) -> str:
    with pytest.raises(PlanInputError) as info:
        read_bytes(data, filename)
    return str(info.value)


def test_utf8_with_and_without_bom():
    assert read_bytes(PLAN.encode("utf-8"), "a.txt") == PLAN
    assert read_bytes(b"\xef\xbb\xbf" + PLAN.encode("utf-8"), "a.txt") == PLAN


def test_gb18030_is_detected():
    text = PLAN + "（省工业和信息化厅、省发展改革委按职责分工负责）\n"
    assert read_bytes(text.encode("gb18030"), "plan.txt") == text


def test_utf16_with_bom_and_crlf_line_ends():
    assert read_bytes(PLAN.replace("\n", "\r\n").encode("utf-16"), "a.txt") == PLAN


def test_docx_paragraphs_and_tables_in_order():
    text = read_bytes(make_docx(), "plan.docx")
    lines = text.split("\n")
    assert lines[:2] == ["吉林省碳达峰实施方案", "一、重点任务"]
    assert lines[2:4] == ["任务\t责任单位", "大力发展新能源\t省能源局"]
    assert lines[4] == "1.大力发展新能源。推动风电发展。（省能源局负责）"


def test_docx_read_by_content_and_parsed(tmp_path: Path):
    path = tmp_path / "plan.docx"
    path.write_bytes(make_docx())
    plan = parse_text(read_document(path))
    assert [t.departments for t in plan.tasks] == [["省能源局"]]


def test_pdf_text_layer_with_chinese(tmp_path: Path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf(PLAN.strip().split("\n")))
    text = read_document(path)
    assert text.strip().split("\n") == PLAN.strip().split("\n")
    assert parse_text(text).tasks[0].departments == ["省能源局"]


def test_empty_file(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(PlanInputError, match=r"empty.txt: the file is empty"):
        read_document(path)
    assert "empty" in refused(b" \n\t\n", "blank.txt")


def test_binary_files_are_refused():
    assert "binary file (contains NUL bytes)" in refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "image.txt")
    assert "binary file" in refused(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + "吉林".encode(), "x.txt")
    assert "binary file (a ZIP archive)" in refused(b"PK\x03\x04" + b"\x14" * 40, "archive.txt")
    assert "unsupported file type '.png'" in refused(b"\x89PNG\r\n", "image.png")
    assert ".docx" in refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.doc")


def test_unknown_encoding():
    message = refused(b"\x81\x20" * 100, "strange.txt")
    assert "strange.txt" in message
    assert "unknown text encoding" in message


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(PlanInputError, match=r"huge.txt: file too large \(100.0 MB; the limit is 20.0 MB\)"):
        read_document(path)


def test_too_large_bytes_are_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    assert "file too large" in refused(b"a" * 1001, "big.txt")


def test_pdf_without_text_layer():
    assert "no text layer" in refused(make_pdf([]), "scan.pdf")


def test_corrupt_docx_and_pdf():
    assert "corrupt or invalid .docx" in refused(b"this is not a zip", "broken.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/nothing.xml", "<x/>")
    assert "corrupt or invalid .docx" in refused(buffer.getvalue(), "broken.docx")
    assert "corrupt or invalid PDF" in refused(b"%PDF-1.4\ngarbage without objects", "broken.pdf")


def test_missing_file_and_directory(tmp_path: Path):
    with pytest.raises(PlanInputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(PlanInputError, match="not a file"):
        read_document(tmp_path)


def test_text_without_plan_structure_is_refused():
    plan = parse_text("这是一段普通的文字，没有任何结构。")
    with pytest.raises(PlanInputError, match=r"note\.txt: no plan structure found"):
        check_structure(plan, "note.txt")
    check_structure(parse_text(PLAN), "plan.txt")  # a plan passes
